from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from wagtail.images.exceptions import InvalidFilterSpecError

from .renditions.registry import rendition_sets


@checks.register()
def check_rendition_sets(app_configs=None, **kwargs):
    """Every registered rendition set has a unique name and specs Wagtail can make."""
    try:
        sets = rendition_sets()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="multimedia.E001")]
    errors = []
    for rendition_set in sets.values():
        if not rendition_set.specs:
            errors.append(
                checks.Error(
                    f"Rendition set {rendition_set.name!r} has no specs.", id="multimedia.E002"
                )
            )
        for filter in rendition_set.filters:
            try:
                filter.operations  # noqa: B018 (parsing the spec is the check)
            except InvalidFilterSpecError as error:
                errors.append(
                    checks.Error(
                        f"Rendition set {rendition_set.name!r}: {filter.spec!r} is not a "
                        f"filter spec Wagtail can make ({error}).",
                        id="multimedia.E003",
                    )
                )
    return errors
