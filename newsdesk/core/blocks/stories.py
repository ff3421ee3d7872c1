from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from newsdesk.core.visibility import only_visible
from newsdesk.desk.fields import VisiblePageChooserBlock

from .content import TEMPLATE_DIR


class RelatedStoryBlock(blocks.StructBlock):
    """The inline "RELATED:" link to another story, shown by its headline.

    A story readers may not see (unpublished, deleted, restricted, scheduled) simply
    drops out of the page.
    """

    label = blocks.CharBlock(default="Related", max_length=40)
    story = VisiblePageChooserBlock(page_type="news.ArticlePage")

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

    def bulk_to_python(self, values):
        """A body's related stories are checked together, in one query."""
        structs = super().bulk_to_python(values)
        visible = {story.pk for story in only_visible(struct.get("story") for struct in structs)}
        for struct in structs:
            story = struct.get("story")
            struct.reader_story = story if story and story.pk in visible else None
        return structs

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if hasattr(value, "reader_story"):
            context["story"] = value.reader_story
        else:  # a value built in Python, not loaded from the database
            context["story"] = next(iter(only_visible([value.get("story")])), None)
        return context
