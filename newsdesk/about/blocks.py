"""What a page about the newsroom is written with: text, no stories or media embeds."""

from wagtail import blocks

from newsdesk.core.blocks import ListBlock, ParagraphBlock, QuoteBlock, SubheadingBlock


class InfoBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    subheading = SubheadingBlock()
    list = ListBlock()
    quote = QuoteBlock()
