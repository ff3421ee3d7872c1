"""StreamField blocks shared by every kind of page, split by role.

content.py holds text (paragraphs, subheadings, lists, quotes), media.py photos
and embeds, stories.py the blocks that point at other stories. Each block names
its template under components/streamfield/blocks/. ArticleBodyBlock puts them
together for the body of a story.
"""

from wagtail import blocks

from .content import (
    ListBlock,
    ParagraphBlock,
    PullQuoteBlock,
    QuoteBlock,
    SubheadingBlock,
)
from .media import MediaEmbedBlock, PhotoBlock
from .stories import RelatedStoryBlock


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    subheading = SubheadingBlock()
    photo = PhotoBlock()
    quote = QuoteBlock()
    pull_quote = PullQuoteBlock()
    embed = MediaEmbedBlock()
    list = ListBlock()
    related = RelatedStoryBlock()


__all__ = [
    "ArticleBodyBlock",
    "ListBlock",
    "MediaEmbedBlock",
    "ParagraphBlock",
    "PhotoBlock",
    "PullQuoteBlock",
    "QuoteBlock",
    "RelatedStoryBlock",
    "SubheadingBlock",
]
