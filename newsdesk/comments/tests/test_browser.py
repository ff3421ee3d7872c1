"""Comments in Debian's Chromium against a live server: hostile text never runs, posting works
with JavaScript (no reload) and without it, and the section looks right on a phone and a
desktop. Screenshots land in test-artifacts/comments-*.png."""

from pathlib import Path

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from newsdesk.comments.models import Comment, CommentPolicy
from newsdesk.comments.text import normalise, normalise_name
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

from .factories import CommentFactory
from .payloads import XSS_PAYLOADS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS_DIR = Path(__file__).resolve().parents[3] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SEVERE_IMPACTS = {"serious", "critical"}


@pytest.fixture(autouse=True)
def quick_readers():
    with override_settings(NEWSDESK_COMMENTS_MIN_SUBMIT_SECONDS=0):
        yield


@pytest.fixture
def story(db):
    return ArticleFactory(
        parent=SectionFactory(title="News", slug="news"),
        title="Harbour council votes on the sea wall",
    )


def watch_for_script(page):
    """Record every dialog, and fail loudly if a payload set window.__xss."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def comments_url(live_server, article, query=""):
    return f"{live_server.url}/comments/article/{article.pk}/{query}"


def open_comments_in_article(page, live_server, article):
    page.goto(live_server.url + article.url)
    page.locator("#comments").scroll_into_view_if_needed()
    expect(page.locator("#comments [data-comments-thread]")).to_be_visible()


@override_settings(NEWSDESK_COMMENTS_THREADS_PER_PAGE=50)  # every payload on one page
def test_hostile_text_is_shown_as_text_and_never_runs(live_server, page, story):
    dialogs = watch_for_script(page)
    made = [
        CommentFactory(
            page=story,
            body=normalise(f"Before {payload} after"),
            author_name=normalise_name(f"Name {payload}")[:80],
        )
        for payload in XSS_PAYLOADS
    ]

    for open_page in (
        lambda: page.goto(comments_url(live_server, story, "?order=oldest")),
        lambda: open_comments_in_article(page, live_server, story),
    ):
        open_page()
        page.wait_for_timeout(300)  # time for any injected handler to fire
        assert dialogs == []
        assert page.evaluate("window.__xss") is None
        injected = page.evaluate(
            """() => [...document.querySelectorAll('.comment__body *, .comment__author *')]
                .filter((el) => !['P', 'BR', 'A'].includes(el.tagName))
                .map((el) => el.outerHTML)"""
        )
        assert injected == []
        links = page.evaluate(
            """() => [...document.querySelectorAll('.comment__body a')]
                .map((a) => [a.protocol, a.rel])"""
        )
        assert links and all(link == ["https:", "nofollow ugc noopener"] for link in links)

    page.goto(comments_url(live_server, story, "?order=oldest"))
    for comment in made:
        item = page.locator(f"#comment-{comment.pk}")
        # innerText turns <br> back into line breaks and <p> into blank lines.
        body = item.locator(".comment__body").first.inner_text()
        assert " ".join(body.split()) == " ".join(comment.body.split())
        assert item.locator(".comment__author").first.inner_text() == comment.author_name


def test_posting_with_javascript_adds_the_comment_without_a_reload(live_server, page, story):
    CommentFactory(page=story, body="An earlier comment.")
    open_comments_in_article(page, live_server, story)
    page.evaluate("window.__stillHere = true")
    expect(page.locator("[data-comments-count-label]")).to_have_text("1 Comment")

    form = page.locator("#comments form")
    form.get_by_label("Your comment").fill("Posted from the article, no reload.")
    form.get_by_label("Name", exact=True).fill("Ada Reader")
    form.get_by_label("Email", exact=True).fill("ada@example.org")
    form.get_by_role("button", name="Post comment").click()

    expect(page.locator(".comment.is-new")).to_contain_text("Posted from the article, no reload.")
    expect(page.locator("[data-comments-count-label]")).to_have_text("2 Comments")
    expect(page.locator("#comments [role=status]")).to_contain_text("Your comment is published")
    assert page.evaluate("window.__stillHere") is True
    assert form.get_by_label("Your comment").input_value() == ""
    assert Comment.objects.filter(body="Posted from the article, no reload.").exists()


def test_a_second_comment_from_the_same_form_is_a_comment_of_its_own(live_server, page, story):
    """Each form token makes one comment: the script takes the next one from the answer,
    and a double click makes one comment."""
    open_comments_in_article(page, live_server, story)
    form = page.locator("#comments form")
    form.get_by_label("Name", exact=True).fill("Ada Reader")
    form.get_by_label("Email", exact=True).fill("ada@example.org")
    form.get_by_label("Your comment").fill("First thought on the sea wall.")
    form.get_by_role("button", name="Post comment").dblclick()
    expect(page.locator("#comments [role=status]")).to_contain_text("Your comment is published")
    form.get_by_label("Your comment").fill("Second thought, on the harbour.")
    form.get_by_role("button", name="Post comment").click()

    expect(page.locator(".comment.is-new")).to_have_count(2)
    bodies = sorted(Comment.objects.filter(page=story).values_list("body", flat=True))
    assert bodies == ["First thought on the sea wall.", "Second thought, on the harbour."]


def test_replying_with_javascript_threads_the_reply(live_server, page, story):
    parent = CommentFactory(page=story, author_name="Mara", body="Who pays for it?")
    open_comments_in_article(page, live_server, story)

    page.locator(f"#comment-{parent.pk} [data-reply-to]").click()
    form = page.locator(f"#comment-{parent.pk} form")
    expect(form.locator("[data-form-title]")).to_have_text("Reply to Mara")
    form.get_by_label("Your comment").fill("The harbour fund, mostly.")
    form.get_by_label("Name", exact=True).fill("Dev")
    form.get_by_label("Email", exact=True).fill("dev@example.org")
    form.get_by_role("button", name="Post comment").click()

    reply = page.locator(f"#comment-{parent.pk} .comment__replies .comment")
    expect(reply).to_contain_text("The harbour fund, mostly.")
    assert Comment.objects.get(body="The harbour fund, mostly.").parent == parent


def test_a_refused_comment_keeps_what_the_reader_typed(live_server, page, story):
    open_comments_in_article(page, live_server, story)
    typed = "Too long for the limit " * 200
    form = page.locator("#comments form")
    form.get_by_label("Your comment").fill(typed)
    expect(page.locator("[data-counter]")).to_contain_text("over the limit")
    form.get_by_label("Name", exact=True).fill("Ada")
    form.get_by_label("Email", exact=True).fill("ada@example.org")
    form.get_by_role("button", name="Post comment").click()

    expect(page.locator("#comments .comment-form__error")).to_contain_text("the limit is 3,000")
    assert page.locator("#comments textarea").input_value() == typed  # exactly as typed
    assert not Comment.objects.exists()


def test_posting_without_javascript(live_server, browser, story):
    CommentPolicy.objects.create(page=story, moderation=CommentPolicy.Moderation.PRE)
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + story.url)
        page.get_by_role("link", name="Read the comments and join the conversation").click()
        page.get_by_label("Your comment").fill("Without any script at all.")
        page.get_by_label("Name", exact=True).fill("Ada Reader")
        page.get_by_label("Email", exact=True).fill("ada@example.org")
        page.get_by_role("button", name="Post comment").click()

        comment = Comment.objects.get()
        assert page.url.endswith(f"#comment-{comment.pk}")
        mine = page.locator(f"#comment-{comment.pk}")
        expect(mine).to_contain_text("Without any script at all.")
        expect(mine).to_contain_text("Awaiting moderation")
        expect(page.get_by_role("status")).to_contain_text("only you can see it")
    finally:
        context.close()


def test_the_comments_page_has_no_serious_accessibility_violations(
    live_server, page, story, axe_source
):
    from newsdesk.comments.demo import add_demo_comments

    add_demo_comments([story])  # threads, replies and a newsroom reply
    severe = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(comments_url(live_server, story))
        page.add_script_tag(content=axe_source)
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        severe += [
            f"{viewport['width']}px {v['impact']}: {v['id']} {v['help']} "
            f"{[' '.join(map(str, node['target'])) for node in v['nodes']][:4]}"
            for v in results["violations"]
            if v["impact"] in SEVERE_IMPACTS
        ]
    assert not severe, "\n".join(severe)


def test_screenshots_on_a_phone_and_a_desktop(live_server, page, story):
    from newsdesk.comments.demo import add_demo_comments

    add_demo_comments([story])
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        open_comments_in_article(page, live_server, story)
        page.locator("#comments").screenshot(
            path=ARTIFACTS_DIR / f"comments-article-{viewport['width']}.png"
        )
        page.goto(comments_url(live_server, story))
        page.screenshot(
            path=ARTIFACTS_DIR / f"comments-page-{viewport['width']}.png", full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the comments page scrolls sideways at {viewport['width']}px"
