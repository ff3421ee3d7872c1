"""Which addresses an editor may put in the footer. A link is shown to every reader on
every page, so only schemes that open a page, a mail or a call are allowed: never
javascript:, data: or any other that runs or carries content."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

WEB_ADDRESS = URLValidator(schemes=["https", "http"])
# A phone number as people write it: digits, spaces, +, -, dots and brackets.
PHONE_CHARACTERS = set("0123456789 +-.()")


def validate_link_url(value):
    scheme = urlsplit(value).scheme.lower() if ":" in value else ""
    if value.startswith("/") and not value.startswith("//"):
        return validate_site_path(value)
    if scheme == "mailto":
        return validate_email_link(value)
    if scheme == "tel":
        return validate_phone_link(value)
    if scheme in {"http", "https"}:
        return WEB_ADDRESS(value)
    raise ValidationError(
        "Only a web address (https://…), a path on this site (/…), an email (mailto:…) "
        "or a phone number (tel:…) can be linked%(scheme)s.",
        code="scheme",
        params={"scheme": f", not “{scheme}:”" if scheme else ""},
    )


def validate_site_path(value):
    if any(character.isspace() for character in value) or "\\" in value:
        raise ValidationError("A path on this site has no spaces or backslashes.", code="path")


def validate_email_link(value):
    address = value.split(":", 1)[1].split("?", 1)[0]
    try:
        EmailValidator()(address)
    except ValidationError:
        raise ValidationError(
            "“%(address)s” is not an email address.", code="email", params={"address": address}
        ) from None


def validate_phone_link(value):
    number = value.split(":", 1)[1]
    digits = sum(character.isdigit() for character in number)
    if not number or not set(number) <= PHONE_CHARACTERS or digits < 3:
        raise ValidationError(
            "“%(number)s” is not a phone number.", code="phone", params={"number": number}
        )


def validate_social_url(value):
    if urlsplit(value).scheme.lower() != "https":
        raise ValidationError("An account's address starts with https://.", code="scheme")
