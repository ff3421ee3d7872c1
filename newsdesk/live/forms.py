from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .actions import EntryContent, EntryRefused, check_entry_content
from .models import LiveEntry


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
