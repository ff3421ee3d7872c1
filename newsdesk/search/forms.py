"""The search form: every filter is optional, and a bad one is dropped with a notice
rather than failing the whole search (links from elsewhere may carry stale values)."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.news.models import ArticlePage, Author, SectionPage

from .conf import search_settings

SORT_CHOICES = [("relevance", _("Best match")), ("newest", _("Newest first"))]
# Dates far outside these overflow once turned into times in the newsroom's zone.
DATE_VALIDATORS = [
    MinValueValidator(date(1800, 1, 1), _("Dates before 1800 are left out.")),
    MaxValueValidator(date(2999, 12, 31), _("Dates after 2999 are left out.")),
]


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section):
        # Subsections are indented under their section in the list.
        return "\u2013 " * (section.depth - self.top_depth) + section.title


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False)
    section = SectionChoiceField(
        queryset=SectionPage.objects.none(),
        required=False,
        label=_("Section"),
        empty_label=_("All sections"),
        error_messages={
            "invalid_choice": _("There is no such section, so all sections are shown.")
        },
    )
    author = forms.ModelChoiceField(
        queryset=Author.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label=_("Author"),
        empty_label=_("Any author"),
        error_messages={"invalid_choice": _("There is no such author, so all authors are shown.")},
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All types")), *ArticlePage.Kicker.choices],
        required=False,
        error_messages={"invalid_choice": _("There is no such type of story, so all are shown.")},
    )
    published_after = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_VALIDATORS,
        error_messages={"invalid": _("The start date is not a date, so it was left out.")},
    )
    published_before = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_VALIDATORS,
        error_messages={"invalid": _("The end date is not a date, so it was left out.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Results are sorted by best match.")},
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.query_was_cut = False
        sections = self.fields["section"]
        sections.queryset = (
            SectionPage.objects.descendant_of(site.root_page.localized)
            .visible_to_readers()
            .order_by("path")
        )
        sections.top_depth = site.root_page.depth + 1

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        self.query_was_cut = len(query) > search_settings.MAX_QUERY_LENGTH
        return query[: search_settings.MAX_QUERY_LENGTH]

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            self.add_error(
                "published_before",
                gettext("The end date is before the start date, so it was left out."),
            )
        return cleaned

    def notices(self):
        """What the reader should know about how their search was read."""
        notices = [error for errors in self.errors.values() for error in errors]
        if self.query_was_cut:
            notices.append(
                gettext("Only the first %(limit)s characters of your search were used.")
                % {"limit": search_settings.MAX_QUERY_LENGTH}
            )
        return notices
