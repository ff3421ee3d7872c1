import factory
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsdesk.news.tests.factories import ArticleFactory

from ..models import LiveBlogPage, LiveChannel, LiveEntry, ProgrammeSlot


class LiveBlogFactory(ArticleFactory):
    title = factory.Sequence(lambda n: f"Storm on the coast: live updates, day {n}")
    state = LiveBlogPage.State.LIVE
    lead_image = None
    body = factory.LazyFunction(list)

    class Meta:
        model = LiveBlogPage
        skip_postgeneration_save = True


def paragraph(html):
    """An entry body of one paragraph, as the quick form makes it."""
    return LiveEntry._meta.get_field("body").to_python([{"type": "paragraph", "value": html}])


class LiveEntryFactory(factory.django.DjangoModelFactory):
    blog = factory.SubFactory(LiveBlogFactory)
    title = factory.Sequence(lambda n: f"Update {n}")
    body = factory.LazyFunction(lambda: paragraph("<p>The harbour road is closed.</p>"))

    class Meta:
        model = LiveEntry


class LiveChannelFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Channel {n}")
    slug = factory.Sequence(lambda n: f"channel-{n}")
    stream_url = "https://streams.example.com/live/index.m3u8"
    audio_stream_url = "https://streams.example.com/live/audio.m3u8"
    on_air = True

    class Meta:
        model = LiveChannel


class ProgrammeSlotFactory(factory.django.DjangoModelFactory):
    channel = factory.SubFactory(LiveChannelFactory)
    title = factory.Sequence(lambda n: f"Programme {n}")

    class Meta:
        model = ProgrammeSlot


def entry_form(text="<p>The bridge is closed.</p>", **fields):
    """What the quick form posts, for tests that go through the real admin views."""
    data = {
        "title": "",
        "body": streamfield([("paragraph", rich_text(text))]),
        "author": "",
    }
    data.update(fields)
    return nested_form_data(data)


def post_entry(blog, text="<p>The harbour road is closed.</p>", user=None, title="", **fields):
    """Post an update through the action an editor's quick form uses."""
    from ..actions import EntryContent, do_post_entry

    return do_post_entry(blog, EntryContent(title=title, body=paragraph(text), **fields), user)


def edit_entry(entry, text, user=None, title="", **fields):
    from ..actions import EntryContent, do_edit_entry

    return do_edit_entry(entry, EntryContent(title=title, body=paragraph(text), **fields), user)
