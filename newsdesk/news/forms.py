from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from newsdesk.core.forms import NewsdeskPageForm

# A go-live time this far in the past is a mistake, not a slow click on "Publish".
PAST_SCHEDULE_TOLERANCE = timezone.timedelta(minutes=1)


class ArticlePageForm(NewsdeskPageForm):
    """Refuses what would surprise a newsroom: schedules in the past, removed corrections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("go_live_at", "expire_at"):
            if name in self.fields:
                self.fields[
                    name
                ].help_text = f"Times are in the newsroom's zone, {settings.TIME_ZONE}."

    def clean_title(self):
        # The headline box wraps onto several lines; a headline itself is one line.
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_schedule_in_the_past(cleaned_data.get("go_live_at"))
        self.refuse_removed_corrections()
        self.refuse_related_links_to_itself(cleaned_data.get("body"))
        self.refuse_editors_pick_of_itself()
        return cleaned_data

    def refuse_editors_pick_of_itself(self):
        # ArticleRelatedLink.clean cannot see this: a new link's form has no page yet.
        formset = self.formsets.get("related_links")
        if formset is None or not self.instance.pk or not formset.is_valid():
            return
        for form in formset.forms:
            story = form.cleaned_data.get("story")
            if story and story.pk == self.instance.pk and not form.cleaned_data.get("DELETE"):
                form.add_error("story", "A story cannot be related to itself.")

    def refuse_related_links_to_itself(self, body):
        """A RELATED block naming the story it is in (the block checks that it is live)."""
        if not body or not self.instance.pk:
            return
        errors = {
            index: StructBlockValidationError(
                block_errors={"story": ValidationError("A story cannot be related to itself.")}
            )
            for index, child in enumerate(body)
            if child.block_type == "related"
            and child.value.get("story")
            and child.value["story"].pk == self.instance.pk
        }
        if errors:
            self.add_error("body", StreamBlockValidationError(block_errors=errors))

    def refuse_schedule_in_the_past(self, go_live_at):
        if "go_live_at" not in self.changed_data or not go_live_at:
            return
        if go_live_at < timezone.now() - PAST_SCHEDULE_TOLERANCE:
            local = timezone.localtime(go_live_at).strftime("%d %B %Y %H:%M %Z")
            self.add_error(
                "go_live_at",
                forms.ValidationError(
                    f"{local} has already passed. Choose a later time, or clear this field "
                    "and publish now."
                ),
            )

    def refuse_removed_corrections(self):
        formset = self.formsets.get("corrections")
        if formset is None or not formset.is_valid():
            return
        if any(form.instance.pk for form in formset.deleted_forms):
            self.add_error(
                None,
                "Corrections and updates cannot be removed once added: readers may have seen "
                "them. Add a new note instead.",
            )
