"""Odd and hostile input to stories: each renders or is refused with a clear message."""

import pytest
from django.urls import reverse

from newsdesk.news.models import ArticlePage, ArticleRelatedLink

from .factories import ArticleFactory, article_form


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
class TestRendering:
    def test_article_without_photo(self, client, us_section):
        response = client.get(ArticleFactory(parent=us_section, lead_image=None).url)
        assert response.status_code == 200
        assert b"article__lead-photo" not in response.content

    def test_article_with_empty_body_and_standfirst(self, client, us_section):
        page = ArticleFactory(parent=us_section, body=[], standfirst="")
        response = client.get(page.url)
        assert response.status_code == 200
        assert b"This story has no text yet." in response.content

    def test_right_to_left_and_emoji_text_survive_intact(self, client, us_section):
        title = "المجلس يصوّت على الجدار البحري"
        standfirst = "Fishers celebrate 🎉🐟 the new harbour wall"
        page = ArticleFactory(parent=us_section, title=title, standfirst=standfirst)
        html = client.get(page.url).content.decode()
        assert f'<h1 class="article__headline" dir="auto">{title}</h1>' in html
        assert f'<p class="article__standfirst" dir="auto">{standfirst}</p>' in html

    def test_deleted_related_story_drops_out_of_the_page(self, client, us_section):
        other = ArticleFactory(parent=us_section, title="The story that was withdrawn")
        page = ArticleFactory(parent=us_section, body=[("related", {"story": other})])
        ArticleRelatedLink.objects.create(page=page, story=other)
        other.delete()
        response = client.get(page.url)
        assert response.status_code == 200
        assert b"The story that was withdrawn" not in response.content
        assert b"inline-related" not in response.content

    def test_markup_in_text_fields_is_shown_not_run(self, client, us_section):
        page = ArticleFactory(
            parent=us_section,
            title="<script>alert(1)</script> headline",
            standfirst='"><img src=x onerror=alert(1)>',
        )
        html = client.get(page.url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; headline" in html
        assert "<img src=x" not in html

    @pytest.mark.parametrize("page_number", ["abc", "0", "-1", "99999", "1'OR'1"])
    def test_odd_page_numbers_give_a_normal_listing(self, client, us_section, page_number):
        ArticleFactory(parent=us_section)
        assert client.get(us_section.url, {"page": page_number}).status_code == 200


@pytest.mark.django_db
class TestAdminRefusals:
    def test_headline_over_255_characters_is_refused_and_the_draft_kept(
        self, editor_client, us_section
    ):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        response = editor_client.post(url, article_form("H" * 300))
        assert response.status_code == 200
        assert not ArticlePage.objects.exists()
        html = response.content.decode()
        assert "Ensure this value has at most 255 characters (it has 300)." in html
        assert "Words the editor typed." in html

    def test_a_normal_headline_is_saved(self, editor_client, us_section):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        response = editor_client.post(url, article_form("Ferry fares rise"))
        assert response.status_code == 302
        assert ArticlePage.objects.get().title == "Ferry fares rise"
