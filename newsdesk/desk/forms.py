from django import forms

from .stories import all_kinds, can_create_in, kind_for_key, sections_open_to


def section_label(section, titles_by_path):
    """News > U.S.: the section after the sections above it that the list also shows."""
    steps = range(section.steplen, len(section.path) + 1, section.steplen)
    return " > ".join(
        titles_by_path[section.path[:n]] for n in steps if section.path[:n] in titles_by_path
    )


class NewStoryForm(forms.Form):
    section = forms.TypedChoiceField(coerce=int, label="Section")
    kind = forms.ChoiceField(label="Type of story", widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.sections = {section.pk: section for section in sections_open_to(user)}
        titles = {section.path: section.title for section in self.sections.values()}
        self.fields["section"].choices = [
            (pk, section_label(section, titles)) for pk, section in self.sections.items()
        ]
        self.fields["kind"].choices = [(kind.key, kind.label) for kind in all_kinds()]
        self.fields["section"].error_messages["invalid_choice"] = (
            "Choose one of the sections listed: you can add stories only to those."
        )
        self.fields["kind"].error_messages["invalid_choice"] = "Choose one of the types listed."

    def clean(self):
        cleaned_data = super().clean()
        section = self.sections.get(cleaned_data.get("section"))
        kind = kind_for_key(cleaned_data.get("kind", ""))
        if section and kind and not can_create_in(self.user, kind, section):
            raise forms.ValidationError(
                f"A {kind.label.lower()} cannot be added to {section.title}. Choose another "
                "type or section."
            )
        cleaned_data["section_page"], cleaned_data["story_kind"] = section, kind
        return cleaned_data

    def editor_url(self):
        return self.cleaned_data["story_kind"].editor_url(self.cleaned_data["section_page"])
