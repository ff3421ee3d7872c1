"""Two people act on one story at the same moment, with real parallel requests against a
live server on PostgreSQL. Whatever the order: nothing answers 5xx, one of two
contradicting actions wins and the other is told why, the story is never left less
published than before, and the emails and the reader's front page agree with it.

Each race runs a few rounds on fresh stories: the requests are lined up by a barrier, and
which one takes the lock first differs from round to round.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.core import mail
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import Page, WorkflowState

from .desks import TIMEOUT, draft_story, in_three_hours, submitted_story

ROUNDS = 3
REFUSALS = (
    "already approved",
    "already sent back",
    "changed while you were looking",
    "no longer in review",
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("needs_postgres"),
]


def at_once(*actions):
    """Run the actions in parallel threads, released together; their responses."""
    barrier = threading.Barrier(len(actions), timeout=TIMEOUT)

    def run(action):
        barrier.wait()
        return action()

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return [
            future.result(timeout=TIMEOUT * 2) for future in [pool.submit(run, a) for a in actions]
        ]


def refused(response):
    return response.status_code < 500 and any(text in response.text for text in REFUSALS)


def story_state(page):
    page = Page.objects.get(pk=page.pk)
    workflow = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-created_at").first()
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "live_revision": page.live_revision_id,
        "latest_revision": page.latest_revision_id,
        "scheduled": page.scheduled_revision is not None,
        "workflow": workflow.status if workflow else None,
    }


def emails(word):
    return [message.subject for message in mail.outbox if word in message.subject.lower()]


def what_readers_see(base_url, page):
    front = requests.get(base_url + "/", timeout=TIMEOUT)
    story = requests.get(base_url + Page.objects.get(pk=page.pk).url, timeout=TIMEOUT)
    return page.title in front.text, story.status_code


def problems_of(responses, page, base_url, expect_one_refusal=True):
    """What went wrong in one round, as readable lines (empty when all held)."""
    problems = []
    for number, response in enumerate(responses):
        if response.status_code >= 500:
            problems.append(f"request {number} answered {response.status_code}")
    refusals = [refused(response) for response in responses]
    if expect_one_refusal and refusals.count(True) != 1:
        problems.append(f"refusals {refusals}: one of the two should have been told why")
    state = story_state(page)
    approved = state["workflow"] == WorkflowState.STATUS_APPROVED
    if approved and not state["live"]:
        problems.append(f"approved but not live: {state}")
    if len(emails("approved")) != (1 if approved else 0):
        problems.append(f"approval emails {emails('approved')} for workflow {state['workflow']}")
    listed, status = what_readers_see(base_url, page)
    if listed != state["live"] or (status == 200) != state["live"]:
        problems.append(f"readers see listed={listed}, story {status}, for {state}")
    return problems, state


def race(newsroom, live_server, make_story, actions, expect_one_refusal=True):
    report = []
    for round_number in range(ROUNDS):
        page = make_story(round_number)
        requests.get(live_server.url + "/", timeout=TIMEOUT)  # the front page, cached
        responses = at_once(*[lambda act=act, page=page: act(page) for act in actions(page)])
        problems, state = problems_of(responses, page, live_server.url, expect_one_refusal)
        statuses = [response.status_code for response in responses]
        report.append((round_number, problems, state))
        if problems:
            problems.append(
                f"statuses {statuses}, story {state}, emails {[m.subject for m in mail.outbox]}"
            )
        mail.outbox.clear()
    return [f"round {n}: {problem}" for n, problems, _ in report for problem in problems], report


@pytest.fixture(autouse=True)
def page_cache_on():
    """The page cache on and empty: what a test's stories showed must not outlive it."""
    with override_settings(NEWSDESK_CACHE_ENABLED=True):
        caches["pages"].clear()
        yield
        caches["pages"].clear()


def submitted(newsroom, *desks):
    def make(round_number):
        page = submitted_story(
            newsroom.section, newsroom.author.user, f"Sea wall vote, round {round_number}"
        )
        for desk in desks:
            desk.open_editor(page)
        return page

    return make


def test_approve_and_approve_from_two_editors(newsroom, live_server):
    problems, report = race(
        newsroom,
        live_server,
        submitted(newsroom, newsroom.editor, newsroom.other_editor),
        lambda page: [newsroom.editor.approve_in_editor, newsroom.other_editor.approve_in_editor],
    )
    assert not problems, problems
    assert all(state["live"] for _, _, state in report)


def test_approve_in_editor_and_approve_from_the_dashboard(newsroom, live_server):
    def actions(page):
        task_state = page.current_workflow_task_state
        return [
            newsroom.editor.approve_in_editor,
            lambda page: newsroom.other_editor.task_action(page, "approve", task_state),
        ]

    problems, report = race(newsroom, live_server, submitted(newsroom, newsroom.editor), actions)
    assert not problems, problems
    assert all(state["live"] for _, _, state in report)


def test_approve_and_autosave(newsroom, live_server):
    """The reviewer's autosave (another tab) and their approval: both may go through, but
    the story ends live, approved once."""
    problems, report = race(
        newsroom,
        live_server,
        submitted(newsroom, newsroom.editor, newsroom.other_editor),
        lambda page: [newsroom.editor.approve_in_editor, newsroom.other_editor.autosave],
        expect_one_refusal=False,
    )
    assert not problems, problems
    for _, _, state in report:
        # Either the approval came first (live, the autosave a draft on top) or the
        # autosave did, and the reviewer was told to look again (still in review).
        assert state["live"] or state["workflow"] == WorkflowState.STATUS_IN_PROGRESS, state


def test_approve_and_request_changes(newsroom, live_server):
    def actions(page):
        task_state = page.current_workflow_task_state
        return [
            newsroom.editor.approve_in_editor,
            lambda page: newsroom.other_editor.task_action(
                page, "reject", task_state, comment="Check the quote."
            ),
        ]

    problems, report = race(newsroom, live_server, submitted(newsroom, newsroom.editor), actions)
    assert not problems, problems
    for _, _, state in report:
        assert state["workflow"] in (
            WorkflowState.STATUS_APPROVED,
            WorkflowState.STATUS_NEEDS_CHANGES,
        ), state


def test_approve_and_resubmit(newsroom, live_server):
    """The reviewer approves from an editor loaded before a colleague asked for changes,
    while the author resubmits: the author's new version is never published unseen."""

    def make(round_number):
        page = submitted_story(
            newsroom.section, newsroom.author.user, f"Sea wall vote, round {round_number}"
        )
        newsroom.editor.open_editor(page)
        task_state = page.current_workflow_task_state
        newsroom.other_editor.task_action(page, "reject", task_state, comment="Check the quote.")
        newsroom.author.open_editor(page)
        mail.outbox.clear()
        return page

    def actions(page):
        return [
            newsroom.editor.approve_in_editor,
            lambda page: newsroom.author.edit(
                page, body="The quote, checked.", **{"action-submit": "true"}
            ),
        ]

    problems, report = race(newsroom, live_server, make, actions)
    assert not problems, problems
    for _, _, state in report:
        assert not state["live"], state
        assert state["workflow"] == WorkflowState.STATUS_IN_PROGRESS, state


def test_publish_and_schedule(newsroom, live_server):
    """One editor publishes now, another schedules for later: one wins, and the story is
    either live with nothing scheduled, or scheduled and not yet live."""

    def make(round_number):
        page = draft_story(
            newsroom.section, newsroom.author.user, f"Ferry timetable, round {round_number}"
        )
        newsroom.editor.open_editor(page)
        newsroom.other_editor.open_editor(page)
        return page

    problems, report = race(
        newsroom,
        live_server,
        make,
        lambda page: [
            newsroom.editor.publish,
            lambda page: newsroom.other_editor.publish(page, go_live_at=in_three_hours()),
        ],
    )
    assert not problems, problems
    for _, _, state in report:
        assert state["live"] != state["scheduled"], state
