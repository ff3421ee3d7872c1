from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

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

    def clean(self, value):
        value = super().clean(value)
        story = value.get("story")
        if story and not story.live:
            error = ValidationError(
                f"“{story.title}” is not published: link to a published story, or publish "
                "that one first."
            )
            raise StructBlockValidationError(block_errors={"story": error})
        return value
