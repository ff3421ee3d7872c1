"""Every change of a person's role goes into Wagtail's audit log; every `migrate` applies
the roles declared in roles.py."""

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from wagtail.log_actions import log

from . import roles

ROLE_CHANGE = "newsdesk.role_change"
User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
def log_group_change(sender, instance, action, pk_set, reverse, model, **kwargs):
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        return
    groups = sorted(model.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    change = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    log(instance=instance, action=ROLE_CHANGE, data={"groups": groups, "change": change})


@receiver(pre_save, sender=User)
def log_superuser_change(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    before = User.objects.filter(pk=instance.pk).values_list("is_superuser", flat=True).first()
    if before is not None and before != instance.is_superuser:
        change = "granted admin" if instance.is_superuser else "removed admin"
        log(instance=instance, action=ROLE_CHANGE, data={"groups": [], "change": change})


def apply_roles_after_migrate(sender, app_config, using, plan=None, apps=None, **kwargs):
    # post_migrate is sent once per app; the last app's is the one after all permissions
    # exist. `flush` sends it too, with no plan: an emptied database gets no role groups.
    migrated = [config for config in global_apps.get_app_configs() if config.models_module]
    if plan is None or app_config is not migrated[-1]:
        return
    with transaction.atomic():
        roles.apply_roles()
