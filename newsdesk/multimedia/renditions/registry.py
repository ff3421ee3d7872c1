"""The rendition sets readers are shown, registered by the features that show them.

An app registers its sets with the `newsdesk_rendition_sets` hook, a function returning
RenditionSets, in its wagtail_hooks.py:

    @hooks.register(RENDITION_SETS_HOOK)
    def teaser_renditions():
        return [RenditionSet.of("teaser", "fill-{400x225,640x360}", "format-webp")]

and its templates name the set: `{% srcset_image story.lead_image teaser sizes="..." %}`.
The worker makes every set's specs for every photo (making.py), but for a set that names
its photos (`photos`: a function returning their ids, e.g. the authors' portraits): those
sets only for those photos. Whichever photo a page shows without its renditions is queued
by the tag itself, so a photo chosen later as a portrait gets its faces then.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from wagtail import hooks
from wagtail.images.models import Filter

RENDITION_SETS_HOOK = "newsdesk_rendition_sets"


@dataclass(frozen=True)
class RenditionSet:
    """A name and the Wagtail filter specs it stands for, in the order a tag lists them."""

    name: str
    specs: tuple[str, ...]
    photos: Callable | None = field(default=None, compare=False)

    @classmethod
    def of(cls, name, *spec_parts, photos=None):
        """A set from a tag's spec parts: ("format-{webp,jpeg}", "width-{480,800}")
        stands for format-webp|width-480, format-webp|width-800, format-jpeg|width-480..."""
        return cls(name, tuple(Filter.expand_spec(list(spec_parts))), photos)

    @property
    def filters(self):
        return [Filter(spec=spec) for spec in self.specs]


def rendition_sets():
    """{name: RenditionSet} of every registered set."""
    return _registered(tuple(hooks.get_hooks(RENDITION_SETS_HOOK)))


@cache
def _registered(hook_functions):
    found = {}
    for function in hook_functions:
        for rendition_set in function():
            known = found.get(rendition_set.name)
            if known is not None and known != rendition_set:
                raise ImproperlyConfigured(
                    f"Two rendition sets are named {rendition_set.name!r}: {known.specs} "
                    f"and {rendition_set.specs}."
                )
            found[rendition_set.name] = rendition_set
    return found


def get_rendition_set(name):
    try:
        return rendition_sets()[name]
    except KeyError:
        raise LookupError(
            f"{name!r} is not a registered rendition set (known: "
            f"{', '.join(sorted(rendition_sets())) or 'none'}); register it with the "
            f"{RENDITION_SETS_HOOK!r} hook, so the worker makes its renditions."
        ) from None


def all_specs():
    """Every spec of every set, each once, in registration order."""
    specs = {}
    for rendition_set in rendition_sets().values():
        specs.update(dict.fromkeys(rendition_set.specs))
    return list(specs)


def specs_for(image):
    """The specs of the sets for this photo (every set, but those naming other photos)."""
    specs = {}
    for rendition_set in rendition_sets().values():
        if rendition_set.photos is None or is_among(image, rendition_set.photos()):
            specs.update(dict.fromkeys(rendition_set.specs))
    return list(specs)


def is_among(image, image_ids):
    return type(image).objects.filter(pk=image.pk, pk__in=image_ids).exists()


def forget_sets(**kwargs):
    # Sets built from settings (the feeds' image sizes) follow override_settings.
    _registered.cache_clear()


setting_changed.connect(forget_sets)
