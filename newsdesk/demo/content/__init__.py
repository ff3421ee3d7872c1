"""The demo newsroom of The Newsdesk, as data: original text about fictional places and people.

schema.py defines the shapes, sections.py the sections and the lead story, people.py the
authors, and one module per section holds that section's stories. loader.py turns it all
into pages, snippets and images.
"""

from . import business, culture, news, opinion, science, sport, us, world
from .people import AUTHORS
from .sections import LEAD_STORY, SECTIONS

ARTICLES = (
    *news.ARTICLES,
    *us.ARTICLES,
    *world.ARTICLES,
    *business.ARTICLES,
    *science.ARTICLES,
    *culture.ARTICLES,
    *sport.ARTICLES,
    *opinion.ARTICLES,
)

__all__ = ["ARTICLES", "AUTHORS", "LEAD_STORY", "SECTIONS"]
