from django import forms
from django.core.validators import validate_email
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from .conf import comment_settings
from .form_tokens import MAX_LENGTH as MAX_TOKEN_LENGTH
from .text import normalise, normalise_name

HONEYPOT_FIELD = "website"


def grouped(number):
    """12,345 in English, 12 345 in Spanish: the active language's digit grouping."""
    return number_format(number, force_grouping=True)


def check_length(value, *, what, limit, minimum=0):
    """Refuse, never cut: cutting text once turned a harmless comment into stored XSS."""
    if len(value) > limit:
        raise forms.ValidationError(
            gettext(
                "%(what)s is %(length)s characters long; the limit is %(limit)s. "
                "Please shorten it by %(over)s and send it again."
            )
            % {
                "what": what,
                "length": grouped(len(value)),
                "limit": grouped(limit),
                "over": grouped(len(value) - limit),
            }
        )
    if len(value) < minimum:
        raise forms.ValidationError(gettext("%(what)s is too short.") % {"what": what})
    return value


class PlainTextField(forms.CharField):
    """Text normalised by the stated rules (text.py) before any validator sees it, so a
    stray NUL or control character is removed, as the rules say, rather than refused."""

    def __init__(self, *args, normaliser=normalise, **kwargs):
        self.normaliser = normaliser
        super().__init__(*args, strip=False, **kwargs)

    def to_python(self, value):
        return self.normaliser(super().to_python(value))


class CommentForm(forms.Form):
    """A reader's comment. No field has a maxlength attribute: browsers silently cut a
    paste at maxlength, and we refuse over-long text with a message instead."""

    body = PlainTextField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
    )
    author_name = PlainTextField(label=_("Name"), required=False, normaliser=normalise_name)
    author_email = PlainTextField(
        label=_("Email"),
        required=False,
        help_text=_("Never shown. Used only to tell you about replies, if you ask."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    notify_on_reply = forms.BooleanField(label=_("Email me when someone replies"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Signed into the form and claimed by its post (form_tokens.py); the view renders it.
    form_token = forms.CharField(max_length=MAX_TOKEN_LENGTH, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from assistive technology by aria-hidden.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.max_length = comment_settings.MAX_LENGTH
        self.fields["body"].help_text = format_lazy(
            _("Plain text; links to web pages are fine. Up to {} characters."),
            lazy(grouped, str)(comment_settings.MAX_LENGTH),
        )
        if self.is_signed_in:
            del self.fields["author_name"]
            del self.fields["author_email"]
        else:
            self.fields["author_name"].widget.attrs["autocomplete"] = "name"

    @property
    def is_signed_in(self):
        return self.user is not None and self.user.is_authenticated

    def clean_body(self):
        return check_length(
            self.cleaned_data["body"],
            what=pgettext("what is too long", "Your comment"),
            limit=comment_settings.MAX_LENGTH,
            minimum=comment_settings.MIN_LENGTH,
        )

    def clean_author_name(self):
        name = self.cleaned_data["author_name"]
        if not name:
            raise forms.ValidationError(gettext("Please give a name to show with your comment."))
        return check_length(
            name,
            what=pgettext("what is too long", "Your name"),
            limit=comment_settings.NAME_MAX_LENGTH,
        )

    def clean_author_email(self):
        email = self.cleaned_data["author_email"]
        if not email:
            raise forms.ValidationError(
                gettext("Please give your email address. It is never shown.")
            )
        check_length(email, what=pgettext("what is too long", "Your email address"), limit=254)
        validate_email(email)
        return email

    def author(self):
        """(name, email) of whoever is commenting, signed in or not."""
        if self.is_signed_in:
            name = normalise_name(self.user.get_full_name())
            if not name or len(name) > comment_settings.NAME_MAX_LENGTH:
                name = self.user.get_username()
            return name, self.user.email
        return self.cleaned_data["author_name"], self.cleaned_data["author_email"]


class ModeratorEditForm(forms.Form):
    body = PlainTextField(label="Comment", widget=forms.Textarea(attrs={"rows": 8}))

    def clean_body(self):
        return check_length(
            self.cleaned_data["body"],
            what="The comment",
            limit=comment_settings.MAX_LENGTH,
            minimum=1,
        )


class NewsroomReplyForm(ModeratorEditForm):
    body = PlainTextField(label="Reply as the newsroom", widget=forms.Textarea(attrs={"rows": 6}))
