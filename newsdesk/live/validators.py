"""What a stream address may be: a browser fetches it, so only http(s) and paths on this site."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# Addresses editors paste by mistake, with what to do instead.
WRONG_SCHEMES = {
    "rtmp": "RTMP streams do not play in browsers: give the stream's HLS address (.m3u8).",
    "rtmps": "RTMP streams do not play in browsers: give the stream's HLS address (.m3u8).",
    "rtsp": "RTSP streams do not play in browsers: give the stream's HLS address (.m3u8).",
    "srt": "SRT streams do not play in browsers: give the stream's HLS address (.m3u8).",
}
http_url = URLValidator(schemes=["http", "https"])


def validate_stream_url(value):
    """An absolute http(s) URL, or a path on this site starting with a single "/"."""
    if value != value.strip() or any(char.isspace() or ord(char) < 32 for char in value):
        raise ValidationError("A stream address cannot contain spaces or line breaks.")
    if value.startswith("/") and not value.startswith("//"):
        if "\\" in value or "/../" in value + "/":
            raise ValidationError("This path is not a valid address on this site.")
        return
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in WRONG_SCHEMES:
        raise ValidationError(WRONG_SCHEMES[scheme])
    if not scheme:
        raise ValidationError(
            "Give a full address starting with https://, or a path on this site starting with /."
        )
    if scheme not in ("http", "https"):
        raise ValidationError(
            f"“{scheme}:” addresses cannot be played; a stream address starts with https://."
        )
    if parts.username or parts.password:
        # Every reader's browser would receive the password.
        raise ValidationError("Remove the user name and password from the address.")
    try:
        http_url(value)
    except ValidationError:
        raise ValidationError("This is not a valid web address.") from None
