"""Live channels and live blogs in Debian's Chromium, against the site under an ASGI server.

The player plays the looping test stream (ffmpeg, as the demo's, and imageio-ffmpeg's with
none on PATH) in video and in Audio Only, the channel page off air says when it is next on,
the pop-out keeps playing while the main window moves between pages, a stream that is down
says so and retries; an editor's update reaches an open live blog within 2 seconds
without a reload, and a deleted one disappears. Screenshots land in test-artifacts/live-*.png.
"""

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from playwright.sync_api import expect

from conftest import skip_or_fail
from newsdesk.live.teststream import FFMPEG_MISSING, LoopingStream, bundled_ffmpeg, ffmpeg_path

from .factories import LiveChannelFactory, LiveEntryFactory, ProgrammeSlotFactory, paragraph

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
POPOUT = {"width": 460, "height": 420}
SEVERE_IMPACTS = {"serious", "critical"}
VIDEO = "/live/streams/demo/video/index.m3u8"
AUDIO = "/live/streams/demo/audio/index.m3u8"


@pytest.fixture(scope="module")
def test_stream(tmp_path_factory):
    """ffmpeg making the demo's live stream for the module's tests."""
    if not ffmpeg_path():
        skip_or_fail(FFMPEG_MISSING)
    root = tmp_path_factory.mktemp("streams")
    stream = LoopingStream(root / "demo")
    stream.start()
    try:
        stream.wait_until_ready(segments=3)
        yield root
    finally:
        stream.stop()


@pytest.fixture
def streams(test_stream):
    with override_settings(NEWSDESK_LIVE_STREAMS_ROOT=str(test_stream)):
        yield test_stream


@pytest.fixture
def channel(db):
    channel = LiveChannelFactory(
        name="Newsdesk Live",
        slug="demo",
        strapline="Rolling news, around the clock",
        stream_url=VIDEO,
        audio_stream_url=AUDIO,
    )
    ProgrammeSlotFactory(channel=channel, title="Newsdesk Live", starts="00:00", ends="12:00")
    ProgrammeSlotFactory(channel=channel, title="The World Tonight", starts="12:00", ends="00:00")
    return channel


def shot(page, name):
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS_DIR / f"live-{name}.png", full_page=True)


def wait_until_advancing(page, selector, by=1.0, timeout=15):
    """The media element's currentTime moves on by `by` seconds: it is really playing."""
    page.wait_for_function(
        f"document.querySelector('{selector}').currentTime > 0", timeout=timeout * 1000
    )
    start = page.evaluate(f"document.querySelector('{selector}').currentTime")
    page.wait_for_function(
        f"document.querySelector('{selector}').currentTime > {start + by}",
        timeout=timeout * 1000,
    )


def test_the_player_plays_the_stream_in_video_and_in_audio_only(
    asgi_server, page, streams, channel
):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{asgi_server.url}/live/demo/")
    assert not [url for url in requests if ".m3u8" in url]  # nothing loads before play
    page.get_by_role("button", name="Watch live").click()
    wait_until_advancing(page, "[data-video]")
    expect(page.locator("[data-live-player]")).to_have_attribute("data-video-state", "playing")
    assert any(url.endswith(VIDEO) for url in requests)
    shot(page, "channel-video-1280")

    page.get_by_role("switch", name="Audio Only").click()
    expect(page.get_by_role("switch", name="Audio Only")).to_have_attribute("aria-checked", "true")
    wait_until_advancing(page, "[data-audio]")
    assert any(url.endswith(AUDIO) for url in requests)
    # The video stopped loading: Audio Only saves the reader's data.
    video_requests = len([url for url in requests if "/demo/video/" in url])
    page.wait_for_timeout(2500)  # more than a segment's length
    assert len([url for url in requests if "/demo/video/" in url]) == video_requests
    expect(page.locator("[data-screen]")).to_be_hidden()
    expect(page.locator("[data-audio-status]")).to_have_text("Listening live")
    shot(page, "channel-audio-only-1280")

    page.set_viewport_size(PHONE)
    shot(page, "channel-audio-only-390")
    page.get_by_role("switch", name="Audio Only").click()  # back to the picture
    wait_until_advancing(page, "[data-video]")
    shot(page, "channel-video-390")


def test_the_player_plays_the_stream_of_the_wheels_ffmpeg(
    asgi_server, page, channel, tmp_path, monkeypatch
):
    """`make run` on a machine with only Python: no ffmpeg on PATH, imageio-ffmpeg's."""
    monkeypatch.setenv("PATH", str(tmp_path))
    if ffmpeg_path() is None:
        skip_or_fail("imageio-ffmpeg has no ffmpeg for this machine")
    assert ffmpeg_path() == bundled_ffmpeg()
    stream = LoopingStream(tmp_path / "demo")
    stream.start()
    try:
        stream.wait_until_ready(segments=3)
        with override_settings(NEWSDESK_LIVE_STREAMS_ROOT=str(tmp_path)):
            page.goto(f"{asgi_server.url}/live/demo/")
            page.get_by_role("button", name="Watch live").click()
            wait_until_advancing(page, "[data-video]")
            size = page.evaluate(
                "(() => { const v = document.querySelector('[data-video]');"
                " return [v.videoWidth, v.videoHeight]; })()"
            )
            assert size == [640, 360]
    finally:
        stream.stop()


def test_on_and_off_air_look_right_on_a_phone_and_a_desktop(asgi_server, page, streams, channel):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{asgi_server.url}/live/demo/")
        expect(page.locator(".live-channel__state")).to_have_text("On air")
        expect(page.locator(".live-links .live-link--watch")).to_have_text("Live")
        shot(page, f"channel-on-air-{viewport['width']}")
        page.locator(".site-header").screenshot(
            path=ARTIFACTS_DIR / f"live-header-{viewport['width']}.png"
        )
    channel.on_air = False
    channel.save()
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{asgi_server.url}/live/demo/")
        message = page.locator("[data-message]")
        expect(message).to_contain_text("Off air — next on air: ")
        expect(message).to_be_visible()
        expect(page.locator(".live-dot")).to_have_count(0)
        expect(page.locator("video, audio, [data-play]")).to_have_count(0)
        expect(page.get_by_text("Now", exact=True)).to_have_count(0)
        expect(page.locator(".live-links .live-link--watch")).to_have_text("Live")
        shot(page, f"channel-off-air-{viewport['width']}")
        page.goto(f"{asgi_server.url}/live/demo/listen/")
        expect(page.locator("[data-message]")).to_contain_text("Off air — next on air: ")
        shot(page, f"popout-off-air-{viewport['width']}")


def test_the_pop_out_keeps_playing_while_the_reader_moves_between_pages(
    asgi_server, page, streams, channel, news
):
    page.goto(f"{asgi_server.url}{news.url}")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Audio Only").click()
    popout = opened.value
    popout.wait_for_load_state()
    assert popout.url.endswith("/live/demo/listen/")
    popout.set_viewport_size(POPOUT)
    popout.get_by_role("button", name="Play").click()
    wait_until_advancing(popout, "[data-audio]")
    shot(popout, "popout-460")

    page.goto(f"{asgi_server.url}/")  # the reader goes on reading...
    page.goto(f"{asgi_server.url}{news.url}")
    wait_until_advancing(popout, "[data-audio]")  # ...and the sound goes on
    expect(page.locator(".live-link--listen")).to_have_class(
        "live-link live-link--listen is-listening"
    )


def test_a_stream_that_is_down_says_so_and_retries(asgi_server, page, channel):
    channel.stream_url = "/live/streams/nothing-here/index.m3u8"
    channel.save()
    tries = []
    page.on(
        "response",
        lambda response: "nothing-here" in response.url and tries.append(response.status),
    )
    page.goto(f"{asgi_server.url}/live/demo/")
    page.get_by_role("button", name="Watch live").click()

    message = page.locator("[data-message]")
    expect(message).to_have_text("Stream unavailable, retrying…")
    expect(message).to_be_visible()
    expect(page.locator("[data-live-player]")).to_have_attribute("data-video-state", "unavailable")
    page.wait_for_function("window.performance.now() > 0")
    deadline = time.monotonic() + 10
    while len(tries) < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert len(tries) >= 3 and set(tries) == {404}  # it keeps trying
    shot(page, "channel-unavailable-1280")


@pytest.fixture
def editor_page(browser, asgi_server, admin_user):
    """A second browser, signed in to the admin as an editor."""
    client = Client()
    client.force_login(admin_user)
    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": asgi_server.url,
            }
        ]
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def open_live_blog(page, asgi_server, blog):
    page.goto(f"{asgi_server.url}{blog.url}")
    page.evaluate("window.__stillHere = true")
    expect(page.locator("[data-live-blog]")).to_have_attribute("data-connected", "true")


def test_an_entry_posted_by_an_editor_appears_within_two_seconds(
    asgi_server, page, editor_page, blog
):
    LiveEntryFactory(blog=blog, title="Earlier update")
    open_live_blog(page, asgi_server, blog)
    editor_page.goto(f"{asgi_server.url}/admin/live/blog/{blog.pk}/")
    editor_page.get_by_label("Title").fill("Bridge closed")
    editor = editor_page.locator(".public-DraftEditor-content").first
    editor.click()
    editor_page.keyboard.type("The estuary bridge is closed to all traffic.")
    editor_page.wait_for_timeout(600)  # Draftail saves its value on a short delay

    posted = time.monotonic()
    editor_page.get_by_role("button", name="Post update").click()
    new_updates = page.get_by_role("button", name="1 new update")
    expect(new_updates).to_be_visible(timeout=2000)
    assert time.monotonic() - posted < 2
    # Held behind the button, so nothing moved under the reader:
    expect(page.get_by_text("The estuary bridge is closed to all traffic.")).to_have_count(0)
    shot(page, "blog-new-updates-1280")

    new_updates.click()
    entry = page.locator(".live-entry").filter(has_text="Bridge closed")
    expect(entry).to_contain_text("The estuary bridge is closed to all traffic.")
    expect(new_updates).to_be_hidden()
    titles = page.locator("[data-updates] .live-entry__title").all_inner_texts()
    assert titles == ["Bridge closed", "Earlier update"]  # newest first
    assert page.evaluate("window.__stillHere") is True  # no reload


def test_edited_and_deleted_entries_change_on_an_open_page(asgi_server, page, editor_page, blog):
    wrong = LiveEntryFactory(blog=blog, title="Wrong town", key_event=True)
    typo = LiveEntryFactory(blog=blog, title="Typo", body=paragraph("<p>Three fery sailings.</p>"))
    open_live_blog(page, asgi_server, blog)
    expect(page.locator("[data-key-events]")).to_contain_text("Wrong town")

    editor_page.goto(f"{asgi_server.url}/admin/live/entry/{wrong.pk}/delete/")
    editor_page.get_by_role("button", name="Yes, delete it").click()
    expect(page.locator(f"#update-{wrong.pk}")).to_have_count(0, timeout=2000)
    expect(page.locator("[data-key-events-box]")).to_be_hidden()

    editor_page.goto(f"{asgi_server.url}/admin/live/entry/{typo.pk}/edit/")
    editor = editor_page.locator(".public-DraftEditor-content").first
    editor.click()
    editor_page.keyboard.press("Control+A")
    editor_page.keyboard.type("Three ferry sailings.")
    editor_page.wait_for_timeout(600)
    editor_page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#update-{typo.pk}")).to_contain_text(
        "Three ferry sailings.", timeout=2000
    )
    expect(page.locator(f"#update-{typo.pk}")).to_contain_text("Updated")
    assert page.evaluate("window.__stillHere") is True


def test_live_pages_look_right_on_a_phone_and_a_desktop(asgi_server, page, channel, blog):
    from newsdesk.live.demo import ENTRIES

    for _minutes_ago, title, paragraphs, key_event, pinned in ENTRIES:
        LiveEntryFactory(
            blog=blog,
            title=title,
            body=paragraph("".join(f"<p>{text}</p>" for text in paragraphs)),
            key_event=key_event,
            pinned=pinned,
        )
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{asgi_server.url}{blog.url}")
        shot(page, f"blog-{viewport['width']}")
        page.goto(f"{asgi_server.url}/live/demo/")
        shot(page, f"channel-{viewport['width']}")
        page.goto(f"{asgi_server.url}/live/demo/listen/")
        shot(page, f"popout-page-{viewport['width']}")


def test_live_pages_have_no_serious_accessibility_violations(
    asgi_server, page, channel, blog, axe_source
):
    LiveEntryFactory(blog=blog, title="Evacuation ordered", key_event=True, pinned=True)
    LiveEntryFactory(blog=blog, title="")
    severe = []
    for path in ("/live/demo/", "/live/demo/listen/", blog.url, "/live/"):
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.goto(f"{asgi_server.url}{path}")
            page.add_script_tag(content=axe_source)
            results = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            severe += [
                f"{path} {viewport['width']}px {v['impact']}: {v['id']} {v['help']} "
                f"{[' '.join(map(str, node['target'])) for node in v['nodes']][:4]}"
                for v in results["violations"]
                if v["impact"] in SEVERE_IMPACTS
            ]
    assert not severe, "\n".join(severe)
