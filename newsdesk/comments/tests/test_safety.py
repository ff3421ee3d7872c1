"""Comment text is plain text: stored as typed (after the stated normalisation), never
cut, never rendered as HTML. The stated rules are in newsdesk/comments/text.py."""

from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from newsdesk.comments.models import Comment
from newsdesk.comments.text import normalise, normalise_name, render

from .factories import post_comment
from .payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("no_wait")
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payloads_in_every_field_are_stored_exactly_and_rendered_escaped(client, article, payload):
    # Many payloads have links and angle brackets; lift the link cap so nothing refuses them.
    with override_settings(NEWSDESK_COMMENTS_MAX_LINKS=10):
        response = post_comment(
            client,
            article,
            body=f"Before {payload} after",
            author_name=f"Name {payload}",
            author_email="attacker@example.org",
        )
    assert response.status_code == 302, response.content.decode()[:500]
    comment = Comment.objects.get()
    assert comment.body == normalise(f"Before {payload} after")
    assert comment.author_name == normalise_name(f"Name {payload}")

    page = client.get(reverse("comments:thread", args=[article.pk])).content.decode()
    assert escape(comment.author_name) in page
    assert escape(comment.body).replace("\n", "<br>") in page or "https://" in payload
    assert dangerous_markup(page) == []


class MarkupAudit(HTMLParser):
    """Every element that could run script or load something, as the browser would parse it."""

    RISKY_TAGS = {"iframe", "svg", "img", "math", "object", "embed", "style", "body", "details"}

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src", "").startswith("/static/"):
            self.found.append(("inline script", attrs))
        if tag in self.RISKY_TAGS and tag != "body":
            self.found.append((tag, attrs))
        if tag == "meta" and "http-equiv" in attrs:
            self.found.append((tag, attrs))
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append((f"{tag}[{name}]", value))
            if (
                name in ("href", "src")
                and value
                and not value.startswith(("/", "https://", "http://", "#", "?"))
            ):
                self.found.append((f"{tag}[{name}]", value))


def dangerous_markup(html):
    audit = MarkupAudit()
    audit.feed(html)
    return audit.found


def test_payloads_cannot_reach_the_email_header_or_body_as_html():
    # Names are folded onto one line, so no header can be injected through them.
    assert normalise_name("Eve\r\nBcc: everyone@example.org") == "Eve Bcc: everyone@example.org"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  spaced out  ", "spaced out"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("cafe\u0301", "café"),  # decomposed é becomes one character (NFC)
        ("bell\u0007 and escape\u001b[31m", "bell and escape[31m"),
        ("nul\u0000byte", "nulbyte"),
        ("tab\tkept", "tab\tkept"),
        ("\u202ereversed\u202c", "reversed"),
        ("emoji 👩‍👩‍👧 kept", "emoji 👩‍👩‍👧 kept"),  # joiners inside emoji stay
        ("עברית and English", "עברית and English"),
    ],
)
def test_the_stated_normalisation_and_nothing_more(typed, stored):
    assert normalise(typed) == stored


@pytest.mark.usefixtures("no_wait")
@override_settings(NEWSDESK_COMMENTS_MAX_LENGTH=50)
def test_over_long_comments_are_refused_with_a_clear_message_never_cut(client, article):
    too_long = "x" * 49 + "<b>"  # cutting at 50 would leave "<b" behind
    response = post_comment(client, article, body=too_long)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your comment is 52 characters long; the limit is 50" in page
    assert "shorten it by 2" in page
    assert escape(too_long) in page  # still in the form, whole
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("no_wait")
def test_over_long_names_are_refused_and_nothing_has_a_maxlength_that_would_cut(client, article):
    response = post_comment(client, article, author_name="N" * 81)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Your name is 81 characters long; the limit is 80" in page
    assert "maxlength" not in page


@pytest.mark.usefixtures("no_wait")
def test_the_limit_counts_characters_after_normalisation(client, article):
    with override_settings(NEWSDESK_COMMENTS_MAX_LENGTH=4):
        # Eight code points typed, four characters once composed: accepted.
        assert post_comment(client, article, body="e\u0301e\u0301e\u0301e\u0301").status_code == 302


def test_urls_become_nofollow_links_and_nothing_else_does():
    html = render("See https://example.org/a?b=1&c=2. And javascript:alert(1) and www.example.org")
    assert html == (
        '<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>. And javascript:alert(1) and www.example.org</p>"
    )


def test_links_end_before_sentence_punctuation_but_keep_wikipedia_brackets():
    html = render(
        "(see https://en.wikipedia.org/wiki/Sea_wall_(engineering)), then https://a.example."
    )
    assert 'href="https://en.wikipedia.org/wiki/Sea_wall_(engineering)"' in html
    assert 'href="https://a.example"' in html


def test_quotes_in_a_url_cannot_break_out_of_the_href():
    html = render('https://example.org/"onmouseover="alert(1)')
    assert 'href="https://example.org/"' in html
    assert '"onmouseover' not in html
    assert "&quot;onmouseover=&quot;alert(1)" in html


def test_paragraphs_and_line_breaks():
    assert render("one\ntwo\n\n\nthree") == "<p>one<br>two</p><p>three</p>"


@pytest.mark.parametrize("value", ["\x00", "²", "-1", "9" * 30, "<script>", "1 OR 1=1"])
def test_hostile_query_parameters_are_ignored_not_errors(client, article, value):
    url = reverse("comments:thread", args=[article.pk])
    params = {"comment": value, "page": value, "reply_to": value, "order": value, "posted": "1"}
    assert client.get(url, params).status_code == 200
    fragment = reverse("comments:fragment", args=[article.pk])
    assert client.get(fragment, params).status_code == 200


@pytest.mark.usefixtures("no_wait")
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
@pytest.mark.parametrize("field", ["author_email", "parent", "form_token", "website"])
def test_payloads_in_the_other_fields_are_refused_cleanly(client, article, payload, field):
    response = post_comment(client, article, **{field: payload})
    assert response.status_code == 400
    assert dangerous_markup(response.content.decode()) == []
    assert not Comment.objects.exists()
