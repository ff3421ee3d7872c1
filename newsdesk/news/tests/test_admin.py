"""Editors create and edit every kind of page, author and topic in the Wagtail admin."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset

from newsdesk.about.models import CorrectionsPage, InfoPage
from newsdesk.live.models import LiveBlogPage
from newsdesk.news.models import ArticlePage, Author, HomePage, SectionPage

from .factories import ArticleFactory, AuthorFactory, SectionFactory, article_form


class TestEditorsWorkInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.editor = self.login()
        self.section = SectionFactory(title="News", slug="news")
        self.article = ArticleFactory(parent=self.section, authors=[AuthorFactory()])
        self.article.tags.add("Ports")
        self.article.save_revision().publish()

    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedSubpageTypes(SectionPage, {SectionPage, ArticlePage, LiveBlogPage})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, InfoPage, CorrectionsPage})

    def test_article_is_editable_and_previewable(self):
        other = ArticleFactory(parent=self.section)
        form = article_form(
            self.article.title,
            slug=self.article.slug,
            tags="Ports, Ferries",
            bylines=inline_formset([{"author": self.article.authors[0].pk}]),
            related_links=inline_formset([{"story": other.pk}]),
        )
        self.assertPageIsEditable(self.article, post_data=form)
        self.assertPageIsPreviewable(self.article, post_data=form)

    def test_section_and_front_page_are_editable_and_previewable(self):
        for page in (self.section, HomePage.objects.get()):
            self.assertPageIsEditable(page)
            self.assertPageIsPreviewable(page)

    def test_authors_are_managed_in_the_admin(self):
        listing = self.client.get(reverse("wagtailsnippets_news_author:list"))
        self.assertContains(listing, self.article.authors[0].name)
        response = self.client.post(
            reverse("wagtailsnippets_news_author:add"),
            {"name": "Lena Okafor", "slug": "lena-okafor", "job_title": "Science editor"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Author.objects.filter(slug="lena-okafor").exists())

    def test_author_with_a_taken_slug_is_refused_with_a_message(self):
        taken = self.article.authors[0].slug
        response = self.client.post(
            reverse("wagtailsnippets_news_author:add"), {"name": "Someone", "slug": taken}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Author with this Slug already exists.")

    def test_topics_are_managed_in_the_admin(self):
        listing = self.client.get(reverse("topics:list"))
        self.assertContains(listing, "Ports")
