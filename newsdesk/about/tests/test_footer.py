"""The footer every page ends with: what editors set in Settings > Footer, the sections,
the feeds, the social accounts and the copyright line."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from newsdesk.about.models import FooterLink, FooterSettings, SocialAccount
from newsdesk.core.models import NewsroomSettings

from .factories import InfoPageFactory

pytestmark = pytest.mark.django_db


def footer_of(client, path="/"):
    document = BeautifulSoup(client.get(path).content, "html.parser")
    (footer,) = document.select("footer.site-footer")
    return footer


def links_in(footer):
    return {a.get_text(strip=True): a.get("href") for a in footer.select("a")}


@pytest.fixture
def footer():
    return FooterSettings.for_site(Site.objects.get(is_default_site=True))


def test_shows_the_links_editors_set_in_their_columns(client, footer, news):
    about = InfoPageFactory(title="About us", slug="about")
    ethics = InfoPageFactory(title="Ethics policy", slug="ethics")
    footer.links = [
        FooterLink(column=FooterLink.Column.NEWSROOM, page=about),
        FooterLink(
            column=FooterLink.Column.NEWSROOM, url="mailto:tips@example.com", label="Send a tip"
        ),
        FooterLink(column=FooterLink.Column.STANDARDS, page=ethics, label="Our ethics"),
    ]
    footer.save()

    rendered = footer_of(client)

    columns = {
        column.select("h2")[0].get_text(): [a.get_text() for a in column.select("a")]
        for column in rendered.select(".site-footer__column")
    }
    assert columns["The newsroom"] == ["About us", "Send a tip"]
    assert columns["Our standards"] == ["Our ethics"]
    assert columns["Sections"] == ["News"]
    links = links_in(rendered)
    assert links["About us"] == "/about/"
    assert links["Send a tip"] == "mailto:tips@example.com"
    assert links["RSS"] == "/feeds/rss/"


def test_is_a_labelled_landmark(client):
    rendered = footer_of(client)
    (nav,) = rendered.select("nav")
    assert nav.get("aria-label") == "Footer"


def test_leaves_out_pages_readers_may_not_see(client, footer):
    shown = InfoPageFactory(title="Contact us", slug="contact")
    draft = InfoPageFactory(title="Draft policy", slug="draft", live=False)
    scheduled = InfoPageFactory(
        title="Scheduled policy", slug="scheduled", go_live_at=timezone.now() + timedelta(days=1)
    )
    private = InfoPageFactory(title="Staff handbook", slug="handbook")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    footer.links = [
        FooterLink(page=page, column=FooterLink.Column.NEWSROOM)
        for page in (shown, draft, scheduled, private)
    ]
    footer.save()

    links = links_in(footer_of(client))

    assert "Contact us" in links
    assert not {"Draft policy", "Scheduled policy", "Staff handbook"} & set(links)


def test_social_accounts_come_from_the_settings(client, footer):
    site = Site.objects.get(is_default_site=True)
    NewsroomSettings.objects.update_or_create(site=site, defaults={"x_handle": "baydesk"})
    footer.social_accounts = [
        SocialAccount(network=SocialAccount.Network.MASTODON, url="https://mastodon.example/@bay")
    ]
    footer.save()

    rendered = footer_of(client)

    social = {a.get_text(): (a.get("href"), a.get("rel")) for a in rendered.select("a[rel]")}
    assert social == {
        "X": ("https://x.com/baydesk", ["me"]),
        "Mastodon": ("https://mastodon.example/@bay", ["me"]),
    }


def test_copyright_is_this_year_and_the_newsroom(client):
    site = Site.objects.get(is_default_site=True)
    NewsroomSettings.objects.update_or_create(
        site=site, defaults={"copyright_holder": "Bay Media Ltd"}
    )

    line = footer_of(client).select(".site-footer__copyright")[0].get_text()

    assert line == f"© {timezone.localdate().year} Bay Media Ltd"


def test_copyright_falls_back_to_the_site_name(client):
    Site.objects.filter(is_default_site=True).update(site_name="Harbour Herald")
    line = footer_of(client).select(".site-footer__copyright")[0].get_text()
    assert line.endswith("Harbour Herald")


def test_is_on_the_page_not_found_too(client):
    assert footer_of(client, "/no-such-page/") is not None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "file:///etc/passwd",
        "ftp://files.example/",
        "about",
    ],
)
def test_refuses_an_address_that_is_not_a_page_mail_or_call(footer, url):
    link = FooterLink(footer=footer, url=url, label="Click me")
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    message = " ".join(refused.value.message_dict["url"])
    assert "Only a web address (https://…), a path on this site (/…)" in message


def test_the_error_names_the_refused_scheme(footer):
    link = FooterLink(footer=footer, url="javascript:alert(1)", label="Click me")
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert "not “javascript:”" in refused.value.message_dict["url"][0]


@pytest.mark.parametrize(
    "url, error",
    [
        ("mailto:not an address", "is not an email address"),
        ("mailto:", "is not an email address"),
        ("tel:call-me", "is not a phone number"),
        ("tel:", "is not a phone number"),
        ("/with a space/", "no spaces or backslashes"),
        ("/\\evil.example/", "no spaces or backslashes"),
        ("https://", "Enter a valid URL"),
    ],
)
def test_refuses_a_malformed_address(footer, url, error):
    link = FooterLink(footer=footer, url=url, label="Reach us")
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert error in " ".join(refused.value.message_dict["url"])


@pytest.mark.parametrize(
    "url",
    [
        "https://jobs.example/newsroom",
        "http://archive.example/",
        "/search/?q=ferry",
        "mailto:tips@example.com?subject=Tip",
        "tel:+44 (0)100 555 0199",
    ],
)
def test_accepts_web_addresses_paths_mail_and_phone(footer, url):
    FooterLink(footer=footer, url=url, label="Reach us").full_clean()


def test_a_link_is_a_page_or_an_address_not_both(footer):
    page = InfoPageFactory()
    with pytest.raises(ValidationError, match="one of the two"):
        FooterLink(footer=footer, page=page, url="https://example.com/", label="x").full_clean()
    with pytest.raises(ValidationError, match="one of the two"):
        FooterLink(footer=footer, label="Nothing").full_clean()


def test_an_address_needs_a_label(footer):
    with pytest.raises(ValidationError) as refused:
        FooterLink(footer=footer, url="https://example.com/").full_clean()
    assert refused.value.message_dict["label"] == ["An address needs a label for readers."]


@pytest.mark.parametrize(
    "url", ["http://facebook.example/us", "javascript:alert(1)", "ftp://x.example/"]
)
def test_a_social_account_is_an_https_address(footer, url):
    account = SocialAccount(footer=footer, network=SocialAccount.Network.FACEBOOK, url=url)
    with pytest.raises(ValidationError) as refused:
        account.full_clean()
    assert refused.value.message_dict["url"]
