"""Page choosers that offer, accept and show only the pages the user may see (visibility.py).

A posted page id is the user's word, not the chooser's: a forged one must be refused with a
message that names no page, and the form shown again must not show its title. Wagtail's
page chooser fields (a model form's foreign key to a page, registered in wagtail_hooks.py)
and `VisiblePageChooserBlock` (for StreamFields) do both.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.widgets import AdminPageChooser

from .visibility import is_page_id, viewer_may_see

UNSEEN = "Choose a page with the chooser: that one is not a page you can pick."


class VisiblePageChooser(AdminPageChooser):
    def get_instance(self, value):
        if value is None or not is_page_id(getattr(value, "pk", value)):
            return None
        instance = super().get_instance(value)
        return instance if instance is not None and viewer_may_see(instance) else None


class VisiblePageChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not is_page_id(value):
            raise ValidationError(UNSEEN, code="invalid_choice")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not viewer_may_see(value):
            raise ValidationError(UNSEEN, code="invalid_choice")


class VisiblePageChooserBlock(blocks.PageChooserBlock):
    @cached_property
    def widget(self):
        return VisiblePageChooser(
            target_models=self.target_models, can_choose_root=self.can_choose_root
        )

    @cached_property
    def field(self):
        return VisiblePageChoiceField(
            queryset=self.model_class.objects.all(),
            widget=self.widget,
            required=self._required,
            validators=self._validators,
            help_text=self._help_text,
        )

    def to_python(self, value):
        return super().to_python(value) if value is None or is_page_id(value) else None

    def value_from_form(self, value):
        if value in (None, "") or isinstance(value, self.model_class) or is_page_id(value):
            return super().value_from_form(value)
        # Not an id at all: kept as posted so that clean() refuses it, and shown as no page.
        return self.model_class(pk=value)

    def deconstruct(self):
        # Stored and migrated as Wagtail's block: only the admin form differs.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs
