"""The kicker above a headline informs: a news story's section, or the editorial label an
editor chose; an opinion piece is marked once, with its writer."""

import pytest
from django.urls import reverse

from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.models import ArticlePage

from .factories import ArticleFactory, AuthorFactory, article_form


def kickers(html):
    """The kickers of a page, in order, as their text."""
    found = []
    for part in html.split('<p class="kicker')[1:]:
        text = part[part.index(">") + 1 : part.index("</p>")]
        found.append(text.replace('<a href="/opinion/">', "").replace("</a>", "").strip())
    return found


@pytest.mark.django_db
class TestKickers:
    def test_a_news_story_is_labelled_with_its_section_not_news(self, client, news, us_section):
        ArticleFactory(parent=us_section, title="Levee vote")
        assert kickers(client.get(news.url).content.decode()) == ["U.S."]

    def test_an_editorial_label_replaces_the_section(self, client, news, us_section):
        for kicker in ("analysis", "interview", "breaking", "exclusive"):
            ArticleFactory(parent=us_section, kicker=kicker)
        html = client.get(news.url).content.decode()
        assert sorted(kickers(html)) == ["Analysis", "Breaking", "Exclusive", "Interview"]
        assert 'class="kicker kicker--breaking">Breaking</p>' in html

    def test_a_section_page_does_not_repeat_its_own_name(self, client, news):
        ArticleFactory(parent=news)
        assert kickers(client.get(news.url).content.decode()) == []

    def test_the_article_shows_an_editorial_label_but_not_news(self, client, us_section):
        exclusive = ArticleFactory(parent=us_section, kicker="exclusive")
        plain = ArticleFactory(parent=us_section)
        assert kickers(client.get(exclusive.url).content.decode()) == ["Exclusive"]
        assert kickers(client.get(plain.url).content.decode()) == []  # the trail says U.S.

    def test_an_opinion_teaser_names_its_writer_with_a_face(self, client, news, opinion):
        writer = AuthorFactory(name="Imogen Vale", photo=PhotoFactory())
        ArticleFactory(parent=opinion, kicker="opinion", authors=[writer])
        ArticleFactory(parent=news)  # the lead: the column is among the top stories
        html = client.get("/").content.decode()
        teaser = html[html.index("teaser--opinion") :]
        teaser = teaser[: teaser.index("</article>")]
        assert kickers(teaser) == ["Opinion"]
        assert '<span class="writer__name">Imogen Vale</span>' in teaser
        assert 'class="writer-mark writer-mark--photo writer__mark"' in teaser

    def test_the_opinion_piece_shows_its_writers_face_in_the_byline(self, client, opinion):
        writer = AuthorFactory(name="Imogen Vale", job_title="Columnist", photo=PhotoFactory())
        page = ArticleFactory(parent=opinion, kicker="opinion", authors=[writer])
        html = client.get(page.url).content.decode()
        assert 'class="writer-mark writer-mark--photo byline-face__mark"' in html
        assert '<span class="byline__role">Columnist</span>' in html

    def test_a_writer_without_a_photo_is_marked_by_initials_not_a_face(self, client, news, opinion):
        writer = AuthorFactory(name="Imogen de la Vale", photo=None)
        page = ArticleFactory(parent=opinion, kicker="opinion", authors=[writer])
        mark = '<span class="writer-mark {}" aria-hidden="true">IV</span>'
        listing = client.get(opinion.url).content.decode()
        assert '<span class="writer__name">Imogen de la Vale</span>' in listing
        assert mark.format("writer__mark") in listing
        assert "writer-mark--photo" not in listing
        article = client.get(page.url).content.decode()
        assert mark.format("byline-face__mark") in article
        profile = client.get(writer.get_absolute_url()).content.decode()
        assert mark.format("profile__mark") in profile

    def test_a_news_byline_has_no_mark(self, client, us_section):
        page = ArticleFactory(parent=us_section, authors=[AuthorFactory(photo=None)])
        assert "writer-mark" not in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    "name, initials",
    [
        ("Imogen Vale", "IV"),
        ("Tomás Brennan", "TB"),
        ("Ruth Adaeze Okonkwo", "RO"),
        ("Cher", "C"),
        ("  ", ""),
        ("ömer çelik", "ÖÇ"),
        ("سمير ناصر", "سن"),
    ],
)
def test_an_authors_initials_are_their_first_and_last_names_first_letters(name, initials):
    assert AuthorFactory.build(name=name).initials == initials


@pytest.mark.django_db
class TestLabelInTheAdmin:
    @pytest.fixture
    def editor_client(self, client, django_user_model):
        user = django_user_model.objects.create_superuser("ed", "ed@example.com", "pw")
        client.force_login(user)
        return client

    def test_an_editor_labels_a_story_breaking(self, editor_client, us_section):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        response = editor_client.post(url, article_form("Ferry sinks", kicker="breaking"))
        assert response.status_code == 302
        assert ArticlePage.objects.get().kicker == ArticlePage.Kicker.BREAKING

    def test_a_draft_saved_without_a_label_reads_as_news(self, editor_client, us_section):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        editor_client.post(url, article_form("Ferry sinks", kicker=""))
        draft = ArticlePage.objects.get()
        assert not draft.has_label
        assert draft.label == "U.S."

    @pytest.mark.parametrize("label", ["sponsored", "BREAKING", "<b>news</b>", "x" * 30])
    def test_a_label_not_offered_is_refused(self, editor_client, us_section, label):
        url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", us_section.pk))
        response = editor_client.post(url, article_form("Ferry sinks", kicker=label))
        assert response.status_code == 200
        assert not ArticlePage.objects.exists()
