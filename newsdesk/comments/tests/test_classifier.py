"""The spam classifier learns from moderators' spam / not-spam decisions and holds
suspect comments for review. Its figures on the labelled set: bench/comments_classifier.py."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from newsdesk.comments.actions import do_moderate_comment
from newsdesk.comments.classifier import cross_validate, features
from newsdesk.comments.models import Comment, SpamToken
from newsdesk.comments.spam import spam_score, training_totals

from .factories import CommentFactory, post_comment
from .spam_corpus import HAM, SPAM

THRESHOLD = 0.9


def test_the_labelled_set_is_big_enough_to_mean_something():
    assert len(HAM) >= 100 and len(SPAM) >= 90
    assert len({text for _, _, text in HAM + SPAM}) == len(HAM) + len(SPAM)


@pytest.mark.parametrize("use_author", [True, False], ids=["text-and-author", "text-alone"])
def test_precision_and_recall_on_the_labelled_set(use_author):
    result = cross_validate(HAM, SPAM, folds=5, threshold=THRESHOLD, use_author=use_author)
    # Holding a reader's honest comment costs more than letting one spam wait for a human.
    assert result.precision >= 0.97, result.mistakes
    assert result.recall >= 0.9, result.mistakes


def test_features_see_through_styled_letters_and_count_links():
    tokens = features(
        "\uff26\uff32\uff25\uff25 money at https://www.spin.example and https://b.example",  # fullwidth FREE
        email="x@Spin.Example",
    )
    assert {
        "free",
        "money",
        "has:link",
        "has:links",
        "domain:spin.example",
        "from:spin.example",
    } <= tokens


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_superuser("mod", "mod@example.org", "pw")


def teach(moderator, examples, decision):
    for name, email, text in examples:
        comment = CommentFactory(
            author_name=name, author_email=email, body=text, state=Comment.State.PENDING
        )
        do_moderate_comment(comment, decision, moderator)


@pytest.mark.django_db
@override_settings(NEWSDESK_COMMENTS_CLASSIFIER_MIN_TRAINING=10)
def test_it_says_nothing_until_moderators_have_taught_it_enough(moderator):
    teach(moderator, SPAM[:9], "spam")
    teach(moderator, HAM[:20], "approve")
    assert training_totals() == (9, 20)
    assert spam_score(SPAM[50][2]) is None


@pytest.mark.django_db
@pytest.mark.usefixtures("no_wait")
def test_it_learns_from_moderators_and_holds_suspect_comments(client, moderator, article):
    teach(moderator, SPAM[:60], "spam")
    teach(moderator, HAM[:60], "approve")

    spam_name, spam_email, spam_text = SPAM[70]
    post_comment(
        client,
        article,
        body=spam_text,
        author_name=spam_name,
        author_email=spam_email,
        address="203.0.113.1",
    )
    ham_name, ham_email, ham_text = HAM[80]
    post_comment(
        client,
        article,
        body=ham_text,
        author_name=ham_name,
        author_email=ham_email,
        address="203.0.113.2",
    )

    held = Comment.objects.get(body=spam_text)
    assert held.state == Comment.State.PENDING
    assert held.held_for[0].startswith("Suspected spam")
    assert held.spam_score >= THRESHOLD
    published = Comment.objects.get(body=ham_text)
    assert published.state == Comment.State.APPROVED
    assert published.spam_score < 0.5


@pytest.mark.django_db
def test_a_changed_decision_replaces_the_old_lesson(moderator):
    comment = CommentFactory(
        body="Cheap flights to the harbour festival", state=Comment.State.PENDING
    )
    do_moderate_comment(comment, "spam", moderator)
    assert SpamToken.objects.get(token="flights").spam_count == 1

    do_moderate_comment(comment, "approve", moderator)

    token = SpamToken.objects.get(token="flights")
    assert (token.spam_count, token.ham_count) == (0, 1)
    assert training_totals() == (0, 1)


@pytest.mark.django_db
def test_rejecting_teaches_nothing(moderator):
    # A rude but human comment is not spam: rejection is not a spam decision.
    comment = CommentFactory(body="You are all idiots", state=Comment.State.PENDING)
    do_moderate_comment(comment, "reject", moderator)
    assert training_totals() == (0, 0)
    assert not SpamToken.objects.exists()
