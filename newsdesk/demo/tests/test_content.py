"""The demo content is data; these checks catch a typo'd slug before a load does."""

from collections import Counter

from newsdesk.demo import content
from newsdesk.demo.content.schema import Quote, Related

SLUGS = {article.slug for article in content.ARTICLES}


def test_slugs_are_unique():
    assert len(SLUGS) == len(content.ARTICLES)


def test_stories_point_at_known_sections_authors_and_stories():
    sections = {section.slug for section in content.SECTIONS}
    authors = {author.slug for author in content.AUTHORS}
    assert content.LEAD_STORY in SLUGS
    for article in content.ARTICLES:
        assert article.section in sections
        assert set(article.authors) <= authors and 1 <= len(article.authors) <= 2
        related = [item.story for item in article.body if isinstance(item, Related)]
        assert set(related + list(article.related)) <= SLUGS - {article.slug}


def test_every_story_reads_like_one():
    for article in content.ARTICLES:
        paragraphs = [item for item in article.body if isinstance(item, str)]
        assert 4 <= len(paragraphs) <= 8, article.slug
        assert 2 <= len(article.tags) <= 4, article.slug


def test_most_news_stories_quote_someone_by_name_and_role():
    news = [a for a in content.ARTICLES if a.kicker != "opinion"]
    quoted = [a for a in news if any(isinstance(item, Quote) for item in a.body)]
    assert len(quoted) >= len(news) * 0.8


def test_topics_are_shared_between_stories():
    tags = Counter(tag for article in content.ARTICLES for tag in article.tags)
    assert sum(count > 1 for count in tags.values()) >= 15


def test_updates_come_after_publication_and_before_now():
    for article in content.ARTICLES:
        assert article.hours_ago <= 30 * 24
        if article.updated_after_hours:
            assert 0 < article.updated_after_hours < article.hours_ago
