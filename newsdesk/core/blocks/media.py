from django.db.models import prefetch_related_objects
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .content import TEMPLATE_DIR


class PhotoChooserBlock(ImageChooserBlock):
    """Fetches every photo of a body together with its renditions, not one by one."""

    def bulk_to_python(self, values):
        images = super().bulk_to_python(values)
        prefetch_related_objects([image for image in images if image], "renditions")
        return images


class PhotoBlock(blocks.StructBlock):
    image = PhotoChooserBlock()
    caption = blocks.CharBlock(
        required=False, max_length=500, help_text="Leave empty to use the photo's own caption."
    )
    credit = blocks.CharBlock(
        required=False, max_length=255, help_text="Leave empty to use the photo's own credit."
    )
    size = blocks.ChoiceBlock(
        choices=[("inline", "In the text column"), ("wide", "Wider than the text")],
        default="inline",
    )

    class Meta:
        icon = "image"
        template = f"{TEMPLATE_DIR}/photo_block.html"


class MediaEmbedBlock(blocks.StructBlock):
    """A video, post or map embedded by its URL (oEmbed), with a plain link as fallback."""

    url = EmbedBlock(help_text="The address of a YouTube video, a post on X, a map...")
    caption = blocks.CharBlock(required=False, max_length=500)

    class Meta:
        icon = "media"
        template = f"{TEMPLATE_DIR}/embed_block.html"
