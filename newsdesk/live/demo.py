"""The demo's live channel and live blog.

add_demo_channel() makes "Newsdesk Live", whose stream is the looping test stream that
`manage.py make_test_stream` writes (ffmpeg); add_edition_channel() an edition's own
channel on the same stream. The channels are off air until that command runs and puts
them on air. add_demo_live_blog(section) makes a running live blog with a dozen
updates. Both are deterministic and safe to call twice.
"""

import hashlib
import io
from datetime import time, timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.search import index

from newsdesk.demo.content.schema import Photo
from newsdesk.demo.images import save_photo
from newsdesk.news.models import ArticleByline, Author

from .conf import live_settings
from .models import LiveBlogPage, LiveChannel, LiveEntry, ProgrammeSlot

DEMO_STREAM = "/live/streams/demo/video/index.m3u8"
DEMO_AUDIO_STREAM = "/live/streams/demo/audio/index.m3u8"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"

# (title, description, starts, ends, repeats)
SCHEDULE = [
    ("Overnight News", "Headlines on the hour through the night.", time(0), time(6), "daily"),
    ("Morning Edition", "The day's news, weather and the papers.", time(6), time(9), "weekdays"),
    ("Weekend Breakfast", "News, sport and conversation.", time(6), time(9), "weekends"),
    ("Newsdesk Live", "Rolling news with our correspondents.", time(9), time(12), "daily"),
    ("The Midday Report", "The news at lunchtime.", time(12), time(13), "daily"),
    ("Afternoon Desk", "Breaking news and analysis.", time(13), time(17), "daily"),
    (
        "Business Close",
        "The markets at the end of the trading day.",
        time(17),
        time(18),
        "weekdays",
    ),
    ("Sport on Saturday", "Results and reaction.", time(17), time(18), "sat"),
    ("Sunday Politics", "Interviews and debate.", time(17), time(18), "sun"),
    ("The Evening News", "The day's main stories.", time(18), time(19), "daily"),
    ("The World Tonight", "International news and analysis.", time(19), time(21), "daily"),
    ("Sport Tonight", "The day in sport.", time(21), time(22), "daily"),
    ("Late Edition", "Tomorrow's papers and the late news.", time(22), time(0), "daily"),
]


@transaction.atomic
def add_demo_channel():
    """The demo channel, made once; off air until make_test_stream plays it."""
    existing = LiveChannel.objects.filter(slug=live_settings.DEMO_CHANNEL).first()
    if existing:
        return existing
    channel = LiveChannel(
        name="Newsdesk Live",
        slug=live_settings.DEMO_CHANNEL,
        strapline="Rolling news, around the clock",
        stream_url=DEMO_STREAM,
        audio_stream_url=DEMO_AUDIO_STREAM,
        poster=save_poster("Newsdesk Live"),
        on_air=False,
    )
    channel.programmes = [
        ProgrammeSlot(
            title=title, description=description, starts=starts, ends=ends, repeats=repeats
        )
        for title, description, starts, ends, repeats in SCHEDULE
    ]
    channel.save()
    return channel


@transaction.atomic
def add_edition_channel(locale, *, name, slug, strapline, poster_line):
    """An edition's own channel on the demo's test stream, made once. It has no schedule,
    so it is on air whenever the stream runs (make_test_stream puts every channel on the
    demo stream on air)."""
    existing = LiveChannel.objects.filter(slug=slug).first()
    if existing:
        return existing
    return LiveChannel.objects.create(
        name=name,
        slug=slug,
        locale=locale,
        strapline=strapline,
        stream_url=DEMO_STREAM,
        audio_stream_url=DEMO_AUDIO_STREAM,
        poster=save_poster(name, poster_line),
        on_air=False,
    )


def demo_stream_channels():
    """Every channel the test stream plays: the demo channel and the editions' own."""
    return LiveChannel.objects.filter(stream_url=DEMO_STREAM)


def save_poster(name, line="News as it happens"):
    """A broadcast ident: the channel's name on a dark studio gradient."""
    width, height = 1280, 720
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        shade = int(18 + 26 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade, shade + 4, shade + 14))
    for x in range(0, width, 64):
        draw.line([(x, 0), (x - 360, height)], fill=(40, 46, 62), width=1)
    # No "LIVE" on it: the poster also shows while the channel is off air. Top left, clear
    # of the play button in the middle of the player.
    draw.rectangle([80, 100, 206, 108], fill=(179, 20, 28))
    # DejaVu Serif has no Arabic letters; DejaVu Sans has them.
    title_font = "DejaVuSerif-Bold.ttf" if name.isascii() else "DejaVuSans-Bold.ttf"
    draw.text((78, 128), name, font=font(title_font, 80), fill="white")
    draw.text((82, 232), line, font=font("DejaVuSans.ttf", 32), fill=(190, 196, 210))
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85, optimize=True)
    image = get_image_model()(
        title=f"{name} poster",
        description=f"{name}: the channel's ident",
        default_caption=f"{name}, the channel's ident.",
        credit="Graphic: The Newsdesk",
        focal_point_x=400,
        focal_point_y=180,
        focal_point_width=640,
        focal_point_height=240,
        file=ImageFile(data, name="live-channel-poster.jpg"),
        file_size=data.tell(),
        file_hash=hashlib.sha1(data.getvalue()).hexdigest(),
    )
    image.save()
    return image


def font(name, size):
    try:
        return ImageFont.truetype(f"{FONT_DIR}/{name}", size)
    except OSError:
        return ImageFont.load_default(size)


# --- the demo live blog ------------------------------------------------------------------

LEAD_PHOTO = Photo(
    file="storm-over-road.jpg",
    alt="Dark storm clouds massing over a road across open country",
    caption="Clouds over the coast road north of Bellhaven as Storm Orla came in.",
)
BLOG_TITLE = "Storm Orla: gales and flooding along the coast – live updates"  # noqa: RUF001
BLOG_STANDFIRST = (
    "Winds of up to 90mph and a high spring tide are testing the new sea defences. "
    "Follow the latest as the storm moves north."
)
# (minutes before now, title, paragraphs, key event, pinned)
ENTRIES = [
    (
        250,
        "Amber warning issued",
        [
            "The Met Office has issued an amber wind warning for the whole coast from 4pm, "
            "with gusts of 70 to 90mph expected on exposed headlands."
        ],
        True,
        False,
    ),
    (
        232,
        "",
        [
            "Ferry operators have cancelled all afternoon sailings. The last crossing left at "
            "11.40am and passengers with later bookings are being offered refunds or a seat "
            "on tomorrow's first boat."
        ],
        False,
        False,
    ),
    (
        210,
        "Schools close early",
        [
            "The county council says 43 schools will close at 1pm so that pupils can get home "
            "before the strongest winds arrive. Buses will run to an early timetable."
        ],
        False,
        False,
    ),
    (
        181,
        "",
        [
            "Our correspondent on the harbour front says the sea is already over the lower "
            "promenade, an hour before high tide. Police have closed the coast road between "
            "the lifeboat station and the marina."
        ],
        False,
        False,
    ),
    (
        160,
        "Sea wall holds at first high tide",
        [
            "The new sea wall, finished in the autumn, held at the first high tide. Harbour "
            "master Mara Ellison said water came over the top in two places but drained as "
            "designed. “This is exactly the test it was built for,” she said."
        ],
        True,
        False,
    ),
    (
        141,
        "",
        [
            "Rail services on the coast line are suspended after a tree fell on the track near "
            "the estuary bridge. Replacement buses are not running because of the wind."
        ],
        False,
        False,
    ),
    (
        118,
        "Power cuts",
        [
            "About 12,000 homes are without power, according to the network operator. "
            "Engineers are standing by but cannot climb poles until the gusts drop below 50mph."
        ],
        True,
        False,
    ),
    (
        96,
        "",
        [
            "Readers have been sending us pictures of waves breaking over the lighthouse. "
            "Please stay away from the sea front: the coastguard says onlookers are putting "
            "themselves and rescuers at risk."
        ],
        False,
        False,
    ),
    (
        70,
        "Evacuation of the lower town",
        [
            "Residents of 140 homes in the lower town are being asked to leave before the "
            "evening high tide at 7.15pm. A rest centre has opened at the leisure centre on "
            "Hill Road, with beds for 300 people."
        ],
        True,
        False,
    ),
    (
        44,
        "",
        [
            "The lifeboat has been launched to a fishing vessel with engine trouble two miles "
            "offshore. All four crew are reported safe and the boat is under tow."
        ],
        False,
        False,
    ),
    (
        21,
        "",
        [
            "Wind speeds have started to ease in the south of the county, but forecasters say "
            "the worst is still to come further north over the next three hours."
        ],
        False,
        False,
    ),
    (
        8,
        "What we know so far",
        [
            "An amber wind warning is in force until midnight. 12,000 homes are without "
            "power, ferries and coast trains are cancelled, and 140 homes in the lower town "
            "are being evacuated before the evening high tide. The new sea wall held at the "
            "first tide."
        ],
        False,
        True,
    ),
]


@transaction.atomic
def add_demo_live_blog(section, now=None):
    """A running live blog in the section, with a dozen updates over the last few hours."""
    existing = LiveBlogPage.objects.child_of(section).filter(slug="storm-orla-live").first()
    if existing:
        return existing
    now = now or timezone.now()
    blog = LiveBlogPage(
        title=BLOG_TITLE,
        slug="storm-orla-live",
        standfirst=BLOG_STANDFIRST,
        state=LiveBlogPage.State.LIVE,
        lead_image=lead_photo(),
    )
    authors = list(Author.objects.order_by("pk")[:3])
    blog.bylines = [ArticleByline(author=author) for author in authors[:2]]
    blog.tags.set(["Storms", "Weather", "Flooding"])
    section.add_child(instance=blog)
    blog.save_revision().publish()
    started = now - timedelta(minutes=ENTRIES[0][0] + 5)
    LiveBlogPage.objects.filter(pk=blog.pk).update(
        first_published_at=started, last_published_at=started
    )
    for position, (minutes_ago, title, paragraphs, key_event, pinned) in enumerate(ENTRIES):
        LiveEntry.objects.create(
            blog=blog,
            title=title,
            body=[("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))],
            author=authors[position % len(authors)] if authors else None,
            key_event=key_event,
            pinned=pinned,
            posted_at=now - timedelta(minutes=minutes_ago),
        )
    index.insert_or_update_object(blog)  # search finds it by its updates' words too
    return blog


def lead_photo():
    return save_photo(LEAD_PHOTO, "storm-orla-live")
