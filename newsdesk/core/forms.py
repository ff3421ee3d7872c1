from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class NewsdeskPageForm(WagtailAdminPageForm):
    """Tells an editor who saves a stale copy that someone else saved in the meantime.

    Wagtail checks this only for autosaves; a plain save would silently replace the
    other editor's work. The re-shown form carries the newest revision's id, so saving
    again, once the editor has looked, goes through.
    """

    def clean(self):
        cleaned_data = super().clean()
        loaded = self.data.get("loaded_revision_id")
        latest = getattr(self.instance, "latest_revision", None)
        if loaded and latest and str(latest.pk) != loaded:
            who = (
                latest.user.get_full_name() or latest.user.get_username()
                if latest.user
                else "Someone"
            )
            self.add_error(
                None,
                forms.ValidationError(
                    f"{who} saved this page at {latest.created_at:%H:%M} while you were editing. "
                    "Saving will overwrite a newer version: check their changes in History, "
                    "then save again to keep yours."
                ),
            )
        return cleaned_data
