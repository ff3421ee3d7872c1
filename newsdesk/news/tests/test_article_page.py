import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from newsdesk.core.models import NewsroomSettings
from newsdesk.multimedia.tests.factories import AudioClipFactory, PhotoFactory
from newsdesk.news.models import ArticlePage, ArticleRelatedLink

from .factories import ArticleFactory, AuthorFactory


def render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestArticlePage:
    def test_trail_names_the_sections_outermost_first(self, client, us_section):
        html = render(client, ArticleFactory(parent=us_section))
        start = html.index('aria-label="Breadcrumb"')
        trail = html[start : html.index("</nav>", start)]
        assert trail.index(">News<") < trail.index(">U.S.<")
        assert 'href="/news/us/"' in trail

    def test_lead_photo_shows_caption_and_credit(self, client, us_section):
        photo = PhotoFactory(
            default_caption="Smoke rises over the old port.", credit="Photo: Twitter/ @portwatch"
        )
        html = render(client, ArticleFactory(parent=us_section, lead_image=photo))
        assert "Smoke rises over the old port." in html
        assert '<span class="credit">Photo: Twitter/ @portwatch</span>' in html
        assert 'alt="Fishing boats moored in a harbour at dawn"' in html

    def test_article_caption_overrides_the_photo_caption(self, client, us_section):
        page = ArticleFactory(parent=us_section, lead_image_caption="The port on Sunday night.")
        html = render(client, page)
        assert "The port on Sunday night." in html
        assert "Boats wait out the storm" not in html

    def test_a_story_with_audio_has_a_player_with_title_length_and_credit(self, client, us_section):
        clip = AudioClipFactory(
            title="The harbour report <live>",
            duration=timedelta(hours=1, minutes=2, seconds=5),
            credit="Recording: Newsdesk Radio",
        )
        html = render(client, ArticleFactory(parent=us_section, audio=clip))
        player = html[html.index('<figure class="audio-player">') :]
        player = player[: player.index("</figure>")]
        assert (
            f'<audio class="audio-player__audio" controls preload="none" src="{clip.file.url}">'
            in player
        )
        assert "The harbour report &lt;live&gt;" in player
        assert ">1:02:05<" in player
        assert "Recording: Newsdesk Radio" in player

    def test_a_story_without_audio_has_no_player(self, client, us_section):
        assert "audio-player" not in render(client, ArticleFactory(parent=us_section))

    def test_published_date_is_human_and_machine_readable(self, client, us_section):
        published = datetime(2021, 6, 28, 9, 30, tzinfo=UTC)
        html = render(client, ArticleFactory(parent=us_section, published_at=published))
        assert 'Published <time datetime="2021-06-28T09:30:00+00:00">28 June 2021</time>' in html
        assert "Updated" not in html

    def test_a_later_republish_shows_the_updated_time(self, client, us_section):
        page = ArticleFactory(parent=us_section, published_at=timezone.now() - timedelta(days=1))
        ArticlePage.objects.filter(pk=page.pk).update(last_published_at=timezone.now())
        assert "Updated " in render(client, page)

    def test_bylines_link_to_author_pages_in_order(self, client, us_section):
        first = AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")
        second = AuthorFactory(name="Tomás Berg", slug="tomas-berg")
        html = render(client, ArticleFactory(parent=us_section, authors=[first, second]))
        assert (
            'By <a href="/authors/ana-ruiz/">Ana Ruiz</a> and <a href="/authors/tomas-berg/">Tomás Berg</a>'
            in html
        )

    def test_quote_shows_speaker_and_role(self, client, us_section):
        html = render(client, ArticleFactory(parent=us_section))
        assert "We cannot wait for a third winter." in html
        assert (
            '<cite class="quote__speaker">Mara Ellison</cite>, <span class="quote__role">Harbour Master</span>'
            in html
        )

    def test_inline_related_block_links_the_other_story_by_headline(self, client, us_section):
        other = ArticleFactory(parent=us_section, title="Talks on the ferry route resume")
        page = ArticleFactory(
            parent=us_section, body=[("related", {"label": "Related", "story": other})]
        )
        html = render(client, page)
        block = html[html.index('class="inline-related"') :]
        assert f'<a href="{other.url}">Talks on the ferry route resume</a>' in block

    def test_opinion_is_labelled_as_such(self, client, opinion):
        html = render(client, ArticleFactory(parent=opinion, kicker=ArticlePage.Kicker.OPINION))
        # Once: the label leads to the section, in place of a trail naming it again.
        assert f'class="kicker kicker--opinion"><a href="{opinion.url}">Opinion</a></p>' in html
        assert 'aria-label="Breadcrumb"' not in html
        assert "{#" not in html  # a comment in the template, not shown
        assert "article--opinion" in html

    def test_news_story_is_not_labelled_opinion(self, client, us_section):
        html = render(client, ArticleFactory(parent=us_section))
        assert "kicker--opinion" not in html

    def test_share_links_are_plain_links_without_scripts(self, client, us_section):
        page = ArticleFactory(parent=us_section, title="Ferry fares rise")
        html = render(client, page)
        for host in (
            "facebook.com/sharer",
            "twitter.com/intent/tweet",
            "wa.me/",
            "t.me/share",
            "mailto:?",
        ):
            assert host in html
        assert "data-copy-link" in html
        script_sources = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
        assert script_sources and all(src.startswith("/static/") for src in script_sources)
        assert "<script>" not in html  # no inline scripts either

    def test_x_share_credits_the_newsroom_handle_when_set(self, client, us_section):
        page = ArticleFactory(parent=us_section, title="Ferry fares rise")
        assert "via=" not in render(client, page)
        newsroom = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
        newsroom.x_handle = "thenewsdesk"
        newsroom.save()
        html = render(client, page)
        assert "twitter.com/intent/tweet?url=" in html
        assert "&amp;via=thenewsdesk" in html

    def test_topics_link_to_topic_pages(self, client, us_section):
        page = ArticleFactory(parent=us_section)
        page.tags.add("Flooding")
        page.save()
        assert 'href="/topics/flooding/">Flooding</a>' in render(client, page)


@pytest.mark.django_db
class TestRelatedStories:
    def test_editors_picks_come_first(self, us_section):
        page, pick, tagged = ArticleFactory.create_batch(3, parent=us_section)
        page.tags.add("ports")
        tagged.tags.add("ports")
        page.save()
        tagged.save()
        ArticleRelatedLink.objects.create(page=page, story=pick)
        assert page.get_related_stories() == [pick]

    def test_without_picks_the_newest_stories_sharing_a_topic(self, us_section):
        now = timezone.now()
        page = ArticleFactory(parent=us_section)
        older = ArticleFactory(parent=us_section, published_at=now - timedelta(days=2))
        newer = ArticleFactory(parent=us_section, published_at=now - timedelta(days=1))
        unrelated = ArticleFactory(parent=us_section)
        for story in (page, older, newer):
            story.tags.add("ports")
            story.save()
        related = page.get_related_stories()
        assert related == [newer, older]
        assert unrelated not in related

    def test_unpublished_picks_are_left_out(self, us_section):
        page, pick = ArticleFactory.create_batch(2, parent=us_section)
        ArticleRelatedLink.objects.create(page=page, story=pick)
        pick.unpublish()
        assert page.get_related_stories() == []
