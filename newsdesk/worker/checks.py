from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import worker_settings


def check_worker_settings(**kwargs):
    try:
        worker_settings.validate()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="worker.E001")]
    return []


def register():
    checks.register(check_worker_settings)
