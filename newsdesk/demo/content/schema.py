"""The shapes the demo content is written in: plain frozen dataclasses, no Django.

Stories point at sections, authors and other stories by slug; loader.py resolves the slugs.
In a story's body a plain string is a paragraph; the other blocks have a class each.
"""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Photo:
    """One of the photographs in demo/photos/, named by file; `alt` doubles as its title.
    The credit comes from photos/manifest.toml, so the content cannot misstate it."""

    file: str
    alt: str
    caption: str


@dataclass(frozen=True, kw_only=True)
class Section:
    slug: str
    title: str
    intro: str
    parent: str | None = None


@dataclass(frozen=True, kw_only=True)
class Author:
    slug: str
    name: str
    job_title: str
    bio: str
    photo: Photo | None = None
    x_handle: str = ""


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Quote:
    quote: str
    speaker: str
    role: str


@dataclass(frozen=True)
class PullQuote:
    text: str
    attribution: str = ""


@dataclass(frozen=True, kw_only=True)
class InBodyPhoto:
    photo: Photo
    caption: str = ""
    size: str = "inline"


@dataclass(frozen=True, kw_only=True)
class BulletList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Related:
    story: str
    label: str = "Related"


Block = str | Subheading | Quote | PullQuote | InBodyPhoto | BulletList | Related


@dataclass(frozen=True, kw_only=True)
class Article:
    """A story. It went out `hours_ago` hours before the load, and was updated
    `updated_after_hours` later if set."""

    slug: str
    section: str
    headline: str
    standfirst: str
    kicker: str = "news"
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    photo: Photo | None = None
    body: tuple[Block, ...]
    hours_ago: float
    updated_after_hours: float | None = None
    related: tuple[str, ...] = ()
