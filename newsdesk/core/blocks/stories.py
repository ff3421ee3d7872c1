from wagtail import blocks

from .content import TEMPLATE_DIR


class RelatedStoryBlock(blocks.StructBlock):
    """The inline "RELATED:" link to another story, shown by its headline.

    A story that is later unpublished or deleted simply drops out of the page.
    """

    label = blocks.CharBlock(default="Related", max_length=40)
    story = blocks.PageChooserBlock(page_type="news.ArticlePage")

    class Meta:
        icon = "link"
        template = f"{TEMPLATE_DIR}/related_story_block.html"
