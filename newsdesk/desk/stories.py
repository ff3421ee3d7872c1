"""The kinds of story the "New story" entry offers, read from the page models themselves.

A story is a page type that may be created under a section and holds no pages of its own.
A model may list presets (`story_presets`: label and field values, such as an article's
kicker) to be offered as kinds of its own; otherwise it is offered once, by its name.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from wagtail.permissions import page_permission_policy

from newsdesk.news.models import SectionPage


@dataclass(frozen=True)
class StoryKind:
    model: type
    preset: int
    label: str
    values: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"{self.model._meta.label_lower}:{self.preset}"

    def editor_url(self, section):
        meta = self.model._meta
        url = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, section.pk])
        return f"{url}?preset={self.preset}"


def kinds_of(model):
    presets = getattr(model, "story_presets", None) or [(model._meta.verbose_name.capitalize(), {})]
    return [StoryKind(model, n, label, values) for n, (label, values) in enumerate(presets)]


def story_models():
    return [
        model
        for model in SectionPage.allowed_subpage_models()
        if not model.allowed_subpage_models()
    ]


def all_kinds():
    return [kind for model in story_models() for kind in kinds_of(model)]


def kind_for_key(key):
    return next((kind for kind in all_kinds() if kind.key == key), None)


def can_create_in(user, kind, section):
    return (
        section.permissions_for_user(user).can_add_subpage()
        and kind.model in section.creatable_subpage_models()
        and kind.model.can_create_at(section)
    )


def sections_open_to(user):
    """The sections the user may add stories to, in the order of the page tree."""
    permitted = page_permission_policy.instances_user_has_permission_for(user, "add")
    return SectionPage.objects.filter(pk__in=permitted.values("pk")).order_by("path")


def preset_values(model, preset):
    """The field values a preset of `model` starts a new page with; none for junk."""
    kinds = kinds_of(model) if hasattr(model, "story_presets") else []
    if not preset.isdecimal() or int(preset) >= len(kinds):
        return {}
    return kinds[int(preset)].values
