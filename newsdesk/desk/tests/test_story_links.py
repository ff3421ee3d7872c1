"""RELATED blocks and editor's picks link to live stories only, never to the story itself."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, streamfield

from newsdesk.news.tests.factories import ArticleFactory, article_form

SEARCH = reverse("wagtailadmin_choose_page_search")


@pytest.fixture
def stories(news, editor):
    edited = ArticleFactory(parent=news, title="Tidal barrier plan approved", slug="barrier")
    live = ArticleFactory(parent=news, title="Tidal flooding maps published")
    draft = ArticleFactory(parent=news, title="Tidal levy vote next week", live=False)
    return edited, live, draft


def chosen_titles(client, stories, **params):
    edited = stories[0]
    referer = "http://testserver" + reverse("wagtailadmin_pages:edit", args=[edited.pk])
    response = client.get(SEARCH, {"q": "tidal", **params}, headers={"Referer": referer})
    assert response.status_code == 200
    return {story.title for story in stories if story.title in response.content.decode()}


@pytest.mark.django_db
def test_a_story_chooser_offers_live_stories_other_than_the_one_being_edited(
    client, editor, stories
):
    client.force_login(editor)
    titles = chosen_titles(client, stories, page_type="news.articlepage")
    assert titles == {"Tidal flooding maps published"}


@pytest.mark.django_db
def test_a_chooser_for_any_page_still_offers_drafts_to_whoever_may_see_them(
    client, editor, stories
):
    client.force_login(editor)
    assert len(chosen_titles(client, stories)) == 3


@pytest.mark.django_db
def test_browsing_a_section_for_a_story_lists_only_live_ones(client, editor, news, stories):
    client.force_login(editor)
    url = reverse("wagtailadmin_choose_page_child", args=[news.pk])
    text = client.get(url, {"page_type": "news.articlepage"}).content.decode()
    assert "Tidal flooding maps published" in text
    assert "Tidal levy vote next week" not in text


def save(client, story, **fields):
    form = article_form(story.title, slug=story.slug, **fields)
    return client.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), form)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target, message",
    [("draft", "That story is not published"), ("edited", "cannot be related to itself")],
)
def test_an_editors_pick_must_be_another_live_story(client, editor, stories, target, message):
    edited, _, draft = stories
    client.force_login(editor)
    story = {"draft": draft, "edited": edited}[target]
    response = save(client, edited, related_links=inline_formset([{"story": story.pk}]))
    assert response.status_code == 200
    assert message in response.content.decode()
    edited.refresh_from_db()
    assert not edited.get_latest_revision_as_object().related_links.all()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target, message",
    [("draft", "is not published: link to a published story"), ("edited", "cannot be related")],
)
def test_a_related_block_must_link_to_another_live_story(client, editor, stories, target, message):
    edited, _, draft = stories
    client.force_login(editor)
    story = {"draft": draft, "edited": edited}[target]
    body = streamfield([("related", {"label": "Related", "story": story.pk})])
    response = save(client, edited, body=body)
    assert response.status_code == 200
    assert message in response.content.decode()
    edited.refresh_from_db()
    assert edited.latest_revision is None or "related" not in str(
        edited.get_latest_revision_as_object().body.raw_data
    )


@pytest.mark.django_db
def test_links_to_another_live_story_are_saved(client, editor, stories):
    edited, live, _ = stories
    client.force_login(editor)
    body = streamfield([("related", {"label": "Related", "story": live.pk})])
    response = save(client, edited, body=body, related_links=inline_formset([{"story": live.pk}]))
    assert response.status_code == 302
    edited.refresh_from_db()
    saved = edited.get_latest_revision_as_object()
    assert [link.story_id for link in saved.related_links.all()] == [live.pk]
    assert saved.body[0].value["story"].pk == live.pk
