"""The "New story" entry: a section and a type of story in one step, then the editor."""

import pytest
from django.urls import reverse

from newsdesk.news.models import ArticlePage

NEW_STORY = reverse("desk_new_story")


def start(client, **params):
    return client.get(NEW_STORY, params)


@pytest.mark.django_db
def test_a_contributor_is_offered_only_the_sections_they_write_for(
    client, contributor, news, us_section, opinion, business
):
    client.force_login(contributor)
    form = start(client).context["form"]
    assert dict(form.fields["section"].choices) == {news.pk: "News", us_section.pk: "News > U.S."}
    labels = [label for _, label in form.fields["kind"].choices]
    assert labels == ["News", "Opinion", "Analysis", "Interview", "Live blog"]


@pytest.mark.django_db
def test_an_opinion_piece_lands_in_the_editor_with_its_kicker(client, contributor, us_section):
    client.force_login(contributor)
    response = start(client, section=us_section.pk, kind="news.articlepage:1")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("wagtailadmin_pages:add", args=["news", "articlepage", us_section.pk]) + "?preset=1"
    )
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert editor.context["form"].instance.kicker == ArticlePage.Kicker.OPINION


@pytest.mark.django_db
def test_a_live_blog_lands_in_the_live_blog_editor(client, editor, business):
    client.force_login(editor)
    response = start(client, section=business.pk, kind="live.liveblogpage:0")
    assert response["Location"].startswith(
        reverse("wagtailadmin_pages:add", args=["live", "liveblogpage", business.pk])
    )
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"section": "other", "kind": "news.articlepage:0"}, "you can add stories only to those"),
        ({"section": "abc", "kind": "news.articlepage:0"}, "you can add stories only to those"),
        ({"section": "9" * 30, "kind": "news.articlepage:0"}, "you can add stories only to those"),
        ({"section": "", "kind": "news.articlepage:0"}, "This field is required"),
        ({"section": "news", "kind": "news.sectionpage:0"}, "Choose one of the types listed"),
        ({"section": "news", "kind": "wagtailcore.page:0"}, "Choose one of the types listed"),
        ({"section": "news", "kind": "news.articlepage:99"}, "Choose one of the types listed"),
        ({"section": "news", "kind": "<script>"}, "Choose one of the types listed"),
        ({"section": "news", "kind": ""}, "This field is required"),
    ],
)
def test_bad_choices_are_refused_with_a_clear_message(
    client, contributor, news, business, params, message
):
    sections = {"news": news.pk, "other": business.pk}
    params = {key: sections.get(value, value) for key, value in params.items()}
    client.force_login(contributor)
    response = start(client, **params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("preset", ["99", "abc", "-1", "9" * 30, ""])
def test_a_junk_preset_starts_a_plain_story(client, contributor, news, preset):
    client.force_login(contributor)
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news.pk])
    response = client.get(url, {"preset": preset})
    assert response.status_code == 200
    assert response.context["form"].instance.kicker == ArticlePage.Kicker.NEWS


@pytest.mark.django_db
def test_the_entry_is_on_the_dashboard_the_menu_and_the_section_page(client, contributor, news):
    client.force_login(contributor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{NEW_STORY}"' in dashboard
    assert '"name": "new-story"' in dashboard or "new-story" in dashboard
    section = client.get(reverse("wagtailadmin_explore", args=[news.pk])).content.decode()
    assert f"{NEW_STORY}?section={news.pk}" in section


@pytest.mark.django_db
def test_the_section_page_preselects_its_section(client, contributor, us_section):
    client.force_login(contributor)
    form = start(client, section=us_section.pk).context["form"]
    assert str(form["section"].value()) == str(us_section.pk)
    assert not form.is_bound


@pytest.mark.django_db
def test_a_story_page_offers_no_new_story_here(client, editor, news):
    article = ArticlePage.objects.first() or news.add_child(
        instance=ArticlePage(title="A", slug="a")
    )
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert f"{NEW_STORY}?section=" not in page


@pytest.mark.django_db
def test_a_moderator_has_no_new_story_entry(client, moderator, news):
    client.force_login(moderator)
    for params in ({}, {"section": news.pk, "kind": "news.articlepage:0"}):
        refused = start(client, **params)  # Wagtail turns a refusal into the dashboard
        assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert NEW_STORY not in client.get(reverse("wagtailadmin_home")).content.decode()
