"""The story editor speaks newsroom: a headline, shown in full, and readable search fields."""

import pytest
from django.urls import reverse

from newsdesk.news.models import ArticlePage
from newsdesk.news.tests.factories import article_form

LONG_HEADLINE = (
    "Harbour council votes to rebuild the sea wall after two winters of flooding in the "
    "lower town, and to ask the county for the rest of the money"
)


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["articlepage", "liveblogpage"])
def test_the_story_editor_asks_for_a_headline_in_a_box_that_wraps(client, editor, news, model):
    app = "live" if model == "liveblogpage" else "news"
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:add", args=[app, model, news.pk]))
    html = response.content.decode()
    assert ">Headline" in html and 'placeholder="Headline*"' in html
    assert "Page title" not in html
    title = response.context["form"]["title"]
    assert "<textarea" in str(title) and "w-autosize" in str(title)
    for label in ("Web address", "Headline for search engines", "Summary for search engines"):
        assert label in html


@pytest.mark.django_db
def test_a_long_headline_is_kept_whole_on_one_line(client, editor, news):
    client.force_login(editor)
    typed = LONG_HEADLINE.replace(" after ", "\nafter ")  # Enter pressed in the box
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news.pk])
    response = client.post(url, article_form(typed, slug="sea-wall"))
    assert response.status_code == 302
    story = ArticlePage.objects.get(slug="sea-wall")
    assert story.title == LONG_HEADLINE
