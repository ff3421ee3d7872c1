"""The pages whose rows a POST locks are pages the user may act on, named by ids the
database could hold: an id past a bigint is a 404 (not an OverflowError), and a
contributor's "publish all" holds no row of another desk's pages."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from newsdesk.editorial import transitions
from newsdesk.news.tests.factories import ArticleFactory, SectionFactory

HUGE = 99999999999999999999


@pytest.fixture
def locked(monkeypatch):
    """The page ids each request locked (the real lock still runs)."""
    calls = []
    lock_pages = transitions.lock_pages

    def recording(page_ids):
        calls.append(set(page_ids))
        return lock_pages(page_ids)

    monkeypatch.setattr(transitions, "lock_pages", recording)
    return calls


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["author", "editor"])
def test_a_page_id_past_a_bigint_is_a_404(client, people, role, locked):
    client.force_login(getattr(people, role))
    urls = [
        reverse("wagtailadmin_pages:edit", args=[HUGE]),
        reverse("wagtailadmin_pages:unpublish", args=[HUGE]),
        reverse("wagtailadmin_pages:delete", args=[HUGE]),
        reverse("wagtailadmin_pages:move_confirm", args=[HUGE, people.section.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[people.section.pk, HUGE]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={HUGE}",
    ]
    for url in urls:
        assert client.post(url, {"action-publish": "1"}).status_code == 404, url
    assert locked == []


@pytest.mark.django_db
def test_publish_all_locks_only_the_pages_the_user_may_act_on(client, people, locked):
    mine = ArticleFactory(parent=people.section, title="Harbour reopens", live=False)
    elsewhere = SectionFactory(title="Business", slug="business")
    draft = ArticleFactory(parent=elsewhere, title="Zebrafinch merger", live=False)
    published = ArticleFactory(parent=elsewhere, title="Bank opens", live=True)
    client.force_login(people.author)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    for query in ["id=all", f"id=all&childOf={people.section.pk}", f"id={mine.pk}"]:
        client.post(f"{url}?{query}")
    assert locked, "the bulk publish took no lock"
    actable = set(
        Page.objects.descendant_of(people.section, inclusive=True).values_list("pk", flat=True)
    )
    assert all(ids <= actable for ids in locked), locked
    assert {mine.pk} in locked
    for other in (draft, published, elsewhere):
        assert not any(other.pk in ids for ids in locked)
    assert client.post(f"{url}?id={draft.pk}").status_code == 404
    assert not Page.objects.get(pk=draft.pk).live
