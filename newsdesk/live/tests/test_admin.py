"""The live desk in the admin: the quick form posts in one request, entries are edited and
deleted from the list under it, and only those who may publish the blog get there."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from newsdesk.live.models import LiveBlogPage, LiveChannel, LiveEntry, LiveEvent
from newsdesk.news.tests.factories import AuthorFactory, article_form

from .factories import LiveEntryFactory, entry_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_url(blog):
    return reverse("live_admin:desk", args=[blog.pk])


def test_the_quick_form_posts_an_entry_in_one_request(admin_client, blog, desk_url):
    author = AuthorFactory(name="Ana Ruiz")
    response = admin_client.post(
        desk_url,
        entry_form(
            "<p>The <b>bridge</b> is closed.</p>",
            title="Bridge closed",
            author=author.pk,
            key_event="on",
        ),
    )
    assert response.status_code == 302 and response.url == desk_url
    entry = LiveEntry.objects.get()
    assert (entry.title, entry.author, entry.key_event, entry.pinned) == (
        "Bridge closed",
        author,
        True,
        False,
    )
    assert "<b>bridge</b>" in str(entry.body[0].value)
    assert LiveEvent.objects.get().entry_id == entry.pk
    page = admin_client.get(desk_url).content.decode()
    assert "Posted “Bridge closed”: readers see it now." in page
    assert "Bridge closed" in page


def test_the_form_starts_with_a_paragraph_to_type_in_and_the_editors_byline(
    client, admin_user, blog, desk_url
):
    AuthorFactory(name="Ada Admin", user=admin_user)
    client.force_login(admin_user)
    response = client.get(desk_url)
    form = response.context["form"]
    assert [block.block_type for block in form.initial["body"]] == ["paragraph"]
    assert form.initial["author"].name == "Ada Admin"


def test_scripts_typed_into_the_form_never_reach_readers(admin_client, blog, desk_url):
    admin_client.post(
        desk_url,
        entry_form('<p>Hi <script>alert(1)</script><a href="javascript:alert(2)">link</a></p>'),
    )
    html = LiveEvent.objects.get().data["html"]
    assert "<script" not in html and "javascript:" not in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<p></p>", "The update has no text: write something in its body."),
        (f"<p>{'word ' * 3000}</p>", "An update can be at most 12,000 characters long"),
    ],
)
def test_empty_or_huge_entries_are_refused_with_the_reason(
    admin_client, blog, desk_url, text, message
):
    response = admin_client.post(desk_url, entry_form(text))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_an_ended_blog_shows_no_form_and_refuses_a_post(admin_client, blog, desk_url):
    blog.state = LiveBlogPage.State.ENDED
    blog.save_revision().publish()
    page = admin_client.get(desk_url).content.decode()
    assert "Post update" not in page
    assert "This live blog has ended" in page

    response = admin_client.post(desk_url, entry_form("<p>Sent from a page left open.</p>"))
    assert response.status_code == 200
    assert "This live blog has ended, so it takes no new updates." in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_an_entry_is_edited_from_the_list(admin_client, blog):
    entry = LiveEntryFactory(blog=blog, title="Old title")
    url = reverse("live_admin:edit_entry", args=[entry.pk])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url, entry_form("<p>New words.</p>", title="New title", pinned="on")
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.pinned, entry.edited_at is not None) == ("New title", True, True)
    assert LiveEvent.objects.get().kind == "edited"


def test_an_entry_is_deleted_after_a_confirmation(admin_client, blog, desk_url):
    entry = LiveEntryFactory(blog=blog, title="Wrong town")
    url = reverse("live_admin:delete_entry", args=[entry.pk])
    assert "Delete “Wrong town”" in admin_client.get(url).content.decode()
    assert LiveEntry.objects.exists()  # asking is not deleting

    response = admin_client.post(url)

    assert response.status_code == 302 and response.url == desk_url
    assert not LiveEntry.objects.exists()
    assert LiveEvent.objects.get().data == {"kind": "deleted", "entry": entry.pk}


def test_editors_work_the_desk_and_contributors_are_kept_out(client, blog, editor, contributor):
    entry = LiveEntryFactory(blog=blog)
    urls = [
        reverse("live_admin:desk", args=[blog.pk]),
        reverse("live_admin:edit_entry", args=[entry.pk]),
        reverse("live_admin:delete_entry", args=[entry.pk]),
    ]
    client.force_login(editor)
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    client.force_login(contributor)
    assert [client.get(url).status_code for url in urls] == [302, 302, 302]  # to the dashboard
    assert client.post(urls[0], entry_form()).status_code == 302
    assert LiveEntry.objects.count() == 1


def test_the_page_editor_and_listing_link_to_the_desk(admin_client, blog, news, desk_url):
    assert (
        desk_url
        in admin_client.get(reverse("wagtailadmin_pages:edit", args=[blog.pk])).content.decode()
    )
    assert (
        desk_url
        in admin_client.get(reverse("wagtailadmin_explore", args=[news.pk])).content.decode()
    )


def test_the_desk_lists_the_blogs_to_post_to(admin_client, blog):
    page = admin_client.get(reverse("live_admin:desk_index")).content.decode()
    assert blog.title in page
    assert reverse("live_admin:desk", args=[blog.pk]) in page


def test_a_live_blog_is_added_in_a_section_and_published(admin_client, news):
    add_url = reverse("wagtailadmin_pages:add", args=["live", "liveblogpage", news.pk])
    assert admin_client.get(add_url).status_code == 200
    data = article_form("Storm live", slug="storm-live", state="live", **{"action-publish": "1"})
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    blog = LiveBlogPage.objects.get(slug="storm-live")
    assert blog.live and blog.is_live and blog.get_parent().pk == news.pk


@pytest.mark.parametrize(
    ("stream_url", "message"),
    [
        ("javascript:alert(1)", "“javascript:” addresses cannot be played"),
        ("stream.m3u8", "Give a full address starting with https://"),
        ("rtmp://ingest.example.com/live", "RTMP streams do not play in browsers"),
        ("https://user:secret@cdn.example.com/live.m3u8", "Remove the user name and password"),
        ("https:///nohost.m3u8", "This is not a valid web address."),
    ],
)
def test_the_channel_form_refuses_malformed_stream_urls(admin_client, stream_url, message):
    response = admin_client.post(
        reverse("live_channels:add"),
        {
            "name": "Newsdesk Live",
            "slug": "newsdesk-live",
            "stream_url": stream_url,
            "audio_stream_url": "",
            "sort_order": "0",
            "programmes-TOTAL_FORMS": "0",
            "programmes-INITIAL_FORMS": "0",
            "programmes-MIN_NUM_FORMS": "0",
            "programmes-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LiveChannel.objects.exists()


def test_a_channel_with_its_schedule_is_saved_from_the_admin(admin_client):
    response = admin_client.post(
        reverse("live_channels:add"),
        {
            "name": "Newsdesk Live",
            "slug": "newsdesk-live",
            "stream_url": "https://cdn.example.com/live/index.m3u8",
            "audio_stream_url": "/live/streams/radio/index.m3u8",
            "locale": str(Locale.get_default().pk),
            "on_air": "on",
            "sort_order": "0",
            "programmes-TOTAL_FORMS": "1",
            "programmes-INITIAL_FORMS": "0",
            "programmes-MIN_NUM_FORMS": "0",
            "programmes-MAX_NUM_FORMS": "1000",
            "programmes-0-title": "The Evening News",
            "programmes-0-description": "",
            "programmes-0-starts": "18:00",
            "programmes-0-ends": "19:00",
            "programmes-0-repeats": "daily",
            "programmes-0-date": "",
            "programmes-0-ORDER": "1",
            "programmes-0-DELETE": "",
            "programmes-0-id": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = LiveChannel.objects.get()
    assert channel.on_air and [slot.title for slot in channel.programmes.all()] == [
        "The Evening News"
    ]


def test_the_live_desk_is_in_the_menu_of_those_who_may_publish(client, editor, contributor):
    desk = reverse("live_admin:desk_index")
    client.force_login(editor)
    assert desk in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(contributor)
    assert desk not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_live_desk_refuses_those_who_may_not_publish(client, contributor):
    client.force_login(contributor)
    response = client.get(reverse("live_admin:desk_index"))
    assert response.status_code in {302, 403}
    assert "live/admin/desk_index.html" not in [t.name for t in response.templates]


def channel_form(programmes, locale=None):
    """What the channel form posts, with its schedule: (title, starts, ends, repeats, date)."""
    data = {
        "name": "Newsdesk Live",
        "slug": "newsdesk-live",
        "locale": str((locale or Locale.get_default()).pk),
        "stream_url": "https://cdn.example.com/live/index.m3u8",
        "audio_stream_url": "",
        "on_air": "on",
        "sort_order": "0",
        "programmes-TOTAL_FORMS": str(len(programmes)),
        "programmes-INITIAL_FORMS": "0",
        "programmes-MIN_NUM_FORMS": "0",
        "programmes-MAX_NUM_FORMS": "1000",
    }
    for index, (title, starts, ends, repeats, day, *deleted) in enumerate(programmes):
        prefix = f"programmes-{index}-"
        data |= {
            f"{prefix}title": title,
            f"{prefix}description": "",
            f"{prefix}starts": starts,
            f"{prefix}ends": ends,
            f"{prefix}repeats": repeats,
            f"{prefix}date": day,
            f"{prefix}ORDER": str(index + 1),
            f"{prefix}DELETE": "on" if deleted else "",
            f"{prefix}id": "",
        }
    return data


@pytest.mark.parametrize(
    ("programmes", "message"),
    [
        (
            [
                ("Morning Edition", "06:00", "09:00", "weekdays", ""),
                ("Breakfast", "08:00", "10:00", "daily", ""),
            ],
            "“Morning Edition” (06:00–09:00, Monday to Friday) overlaps "  # noqa: RUF001
            "“Breakfast” (08:00–10:00, Every day).",  # noqa: RUF001
        ),
        (
            [
                ("Late Edition", "22:00", "01:00", "sun", ""),
                ("Monday Early", "00:30", "02:00", "mon", ""),
            ],
            "“Late Edition” (22:00–01:00, Sundays) overlaps",  # noqa: RUF001
        ),
        (
            [
                ("Election Night", "20:00", "23:30", "once", "2025-05-01"),
                ("Results", "23:00", "02:00", "once", "2025-05-01"),
            ],
            "“Election Night” (20:00–23:30, 1 May 2025) overlaps",  # noqa: RUF001
        ),
        (
            [("Overnight", "23:00", "22:00", "daily", "")],
            "It ends before it starts: past midnight, that is a programme of 23 hours.",
        ),
        ([("News", "09:00", "09:00", "daily", "")], "A programme must end at a different time."),
        ([("News", "09:00", "25:00", "daily", "")], "Enter a valid time."),
        ([("News", "", "10:00", "daily", "")], "This field is required."),
        ([("Special", "09:00", "10:00", "once", "")], "A one-off programme needs its date."),
        ([("Special", "09:00", "10:00", "fortnightly", "")], "Select a valid choice."),
    ],
)
def test_a_schedule_that_makes_no_sense_is_refused_with_the_reason(
    admin_client, programmes, message
):
    response = admin_client.post(reverse("live_channels:add"), channel_form(programmes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LiveChannel.objects.exists()


def test_a_one_off_over_a_regular_programme_and_days_apart_are_no_overlap(admin_client):
    programmes = [
        ("Newsdesk Live", "09:00", "22:00", "daily", ""),
        ("Election Night", "20:00", "23:30", "once", "2025-05-01"),
        ("Morning Edition", "06:00", "09:00", "weekdays", ""),
        ("Weekend Breakfast", "06:00", "09:00", "weekends", ""),
        ("Late Edition", "22:00", "02:00", "daily", ""),
        ("Clashing, but deleted", "10:00", "11:00", "daily", "", "deleted"),
    ]
    response = admin_client.post(reverse("live_channels:add"), channel_form(programmes))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LiveChannel.objects.get().programmes.count() == 5


def test_a_channel_is_saved_for_an_edition_from_the_admin(admin_client):
    spanish = Locale.objects.get(language_code="es")
    response = admin_client.post(reverse("live_channels:add"), channel_form([], locale=spanish))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert LiveChannel.objects.get().locale == spanish


def test_a_channel_for_a_language_the_site_runs_no_edition_in_is_refused(admin_client):
    french = Locale.objects.create(language_code="fr")  # a Locale left from another set-up
    response = admin_client.post(reverse("live_channels:add"), channel_form([], locale=french))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not LiveChannel.objects.exists()
