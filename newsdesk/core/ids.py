"""Row ids read from URLs and query strings: only numbers a database row can carry.

Every id column is a 64-bit integer (BigAutoField). A larger number is no row, but
reaches the database as one on some paths (SQLite's driver raises OverflowError on a
foreign-key filter, PostgreSQL refuses an OFFSET past bigint): so it is refused here, as
"not found" in a URL and as None from a query string.
"""

from django.urls import register_converter

ID_MAX = 2**63 - 1


def parse_id(value, minimum=1, maximum=ID_MAX):
    """The int in `value` if it is a plain decimal number within the range, else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdecimal()):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


class IdConverter:
    """`<id:name>` in a URL pattern: a row id, 1 to 2**63 - 1; anything else is a 404."""

    regex = "[0-9]+"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value!r} is not a row id")  # the URL does not match
        return number

    def to_url(self, value):
        return str(value)


def register_id_converter():
    register_converter(IdConverter, "id")
