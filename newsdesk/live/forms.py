from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from newsdesk.core.models import edition_locales

from . import schedule
from .actions import EntryContent, EntryRefused, check_entry_content
from .models import LiveEntry, ProgrammeSlot


class LiveEntryForm(WagtailAdminModelForm):
    """The quick form an editor posts an update with, and edits it with."""

    class Meta:
        model = LiveEntry
        fields = ["title", "body", "author", "key_event", "pinned"]
        help_texts = {"title": "Optional: a few words in bold above the update."}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            # A paragraph ready to type into: most updates are a few sentences.
            self.initial["body"] = self.fields["body"].block.to_python(
                [{"type": "paragraph", "value": ""}]
            )
            self.initial["author"] = getattr(user, "author_profile", None)

    def clean(self):
        cleaned_data = super().clean()
        if "body" in cleaned_data:
            try:
                check_entry_content(self.content())
            except EntryRefused as refusal:
                raise forms.ValidationError(str(refusal)) from None
        return cleaned_data

    def content(self):
        data = self.cleaned_data
        return EntryContent(
            title=data.get("title", ""),
            body=data["body"],
            author=data.get("author"),
            pinned=data.get("pinned", False),
            key_event=data.get("key_event", False),
        )


class LiveChannelForm(WagtailAdminModelForm):
    """A channel, its edition and its programme schedule, refused while two programmes
    overlap."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "locale" in self.fields:  # only the editions the site runs
            self.fields["locale"].queryset = edition_locales()

    def clean(self):
        cleaned_data = super().clean()
        programmes = self.formsets.get("programmes")
        if programmes is None or not programmes.is_valid():
            return cleaned_data  # each programme's own errors come first
        kept = [
            (form, ProgrammeSlot(**{name: form.cleaned_data.get(name) for name in SLOT_FIELDS}))
            for form in programmes.forms
            if form.has_changed() or form.instance.pk
            if not form.cleaned_data.get("DELETE")
        ]
        slots = [slot for _, slot in kept]
        forms = {id(slot): form for form, slot in kept}
        for first, second in schedule.clashes(slots):
            message = overlap_message(first, second)
            forms[id(first)].add_error(None, message)
            forms[id(second)].add_error(None, message)
            self.add_error(None, message)
        return cleaned_data


SLOT_FIELDS = ("title", "starts", "ends", "repeats", "date")


def overlap_message(first, second):
    return (
        f"“{first.title}” ({describe(first)}) overlaps “{second.title}” ({describe(second)}). "
        "Change the times or the days: only a one-off takes the place of another programme."
    )


def describe(slot):
    days = f"{slot.date:%-d %B %Y}" if slot.date else slot.get_repeats_display()
    return f"{slot.starts:%H:%M}–{slot.ends:%H:%M}, {days}"  # noqa: RUF001
