"""schema.org JSON-LD for search engines and news aggregators.

A story is a NewsArticle, or the subtype its kicker says (an opinion piece is an
OpinionNewsArticle), and a live blog a LiveBlogPosting; every value here is also shown on
the page, so what a machine reads and what a reader sees agree
(tests/test_structured_data.py checks it).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsdesk.news.models import ArticleCorrection, ArticlePage

from .stories import absolute_url, iso_duration

ARTICLE_TYPES = {
    ArticlePage.Kicker.OPINION: "OpinionNewsArticle",
    ArticlePage.Kicker.ANALYSIS: "AnalysisNewsArticle",
}
# What json.dumps leaves as is but an HTML parser would read as markup (Django's
# json_script escapes the same three).
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> that no value inside can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    # Safe: with <, > and & escaped, no string in the data can end the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def publisher(*, site_name, home_url, logo):
    organisation = {"@type": "NewsMediaOrganization", "name": site_name, "url": home_url}
    if logo:
        organisation["logo"] = image_object(logo)
    return organisation


def image_object(photo):
    return {"@type": "ImageObject", "url": photo.url, "width": photo.width, "height": photo.height}


def person(request, author):
    return {
        "@type": "Person",
        "name": author.name,
        "url": absolute_url(request, author.get_absolute_url()),
    }


def news_article(request, story, *, url, published, modified, authors, topics, images, by):
    article = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES.get(story.kicker, "NewsArticle"),
        "headline": story.title,
        "inLanguage": story.locale.language_code,  # the edition's, as <html lang> says
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published,
        "dateModified": modified,
        "author": [person(request, author) for author in authors],
        "publisher": by,
        "isAccessibleForFree": True,
    }
    if story.standfirst:
        article["description"] = story.standfirst
    if images:
        article["image"] = [image_object(photo) for photo in images]
    if story.section:
        article["articleSection"] = story.section.title
    if topics:
        article["keywords"] = [topic.name for topic in topics]
    corrections = [
        {"@type": "CorrectionComment", "text": note.note, "datePublished": note.noted_at}
        for note in story.correction_notes
        if note.kind == ArticleCorrection.Kind.CORRECTION
    ]
    if corrections:
        article["correction"] = corrections
    if story.audio:
        article["audio"] = {
            "@type": "AudioObject",
            "name": story.audio.title,
            "contentUrl": absolute_url(request, story.audio.file.url),
            "encodingFormat": story.audio.mime_type,
            "duration": iso_duration(story.audio.duration),
        }
    return article


def live_blog_posting(request, blog, article, entries):
    """A live blog: the article's facts plus its coverage times and latest updates."""
    posting = {**article, "@type": "LiveBlogPosting"}
    if blog.first_published_at:
        posting["coverageStartTime"] = blog.first_published_at
    if not blog.is_live and entries:
        posting["coverageEndTime"] = entries[0].posted_at
    posting["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": entry.headline,
            "url": absolute_url(request, entry.get_absolute_url()),
            "datePublished": entry.posted_at,
            "dateModified": entry.edited_at or entry.posted_at,
            "articleBody": entry.text,
            **({"author": [person(request, entry.author)]} if entry.author else {}),
        }
        for entry in entries
    ]
    return posting


def breadcrumbs(request, trail, last=None):
    """The section trail, and the page itself as the last crumb, without a link."""
    crumbs = [{"name": section.title, "item": section.get_full_url(request)} for section in trail]
    if last:
        crumbs.append({"name": last})
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, **crumb}
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }


def website(request, *, site_name, home_url, by):
    """The site, with its search (for search engines' site search boxes)."""
    search_url = absolute_url(request, reverse("search:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": home_url,
        "publisher": by,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def profile_page(request, author, url):
    subject = {**person(request, author), "url": url}
    if author.job_title:
        subject["jobTitle"] = author.job_title
    if author.bio:
        subject["description"] = author.bio
    if author.x_handle:
        subject["sameAs"] = [f"https://x.com/{author.x_handle}"]
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": subject}
