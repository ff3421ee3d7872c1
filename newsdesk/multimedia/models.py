from django.core.validators import FileExtensionValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index


class CustomImage(AbstractImage):
    """A photo with the newsroom's credit line and a caption editors can reuse.

    Wagtail's `description` field holds the alt text; the caption says what a
    sighted reader should know about the photo, the credit who took it.
    """

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text='Shown after the caption, e.g. "Photo: Reuters" or "Photo: Twitter/ @someone".',
    )
    default_caption = models.TextField(
        blank=True, help_text="Used wherever the photo appears without a caption of its own."
    )

    admin_form_fields = (*Image.admin_form_fields, "credit", "default_caption")

    class Meta(AbstractImage.Meta):
        verbose_name = "photo"
        verbose_name_plural = "photos"
        permissions = [("choose_image", "Can choose image")]
        indexes = [models.Index(fields=["file"])]  # /media/ finds a photo by its file


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
        indexes = [models.Index(fields=["file"])]  # /media/ finds a rendition by its file


class AudioClip(index.Indexed, models.Model):
    """A sound file a story carries: its feeds offer it to podcast apps as an enclosure.

    Podcast apps need the exact byte size and the MIME type of the file before they fetch
    it, so both are stored when the clip is saved, and the duration is given by the editor.
    """

    # Only formats every podcast app plays; the type is what the enclosure announces.
    MIME_TYPES = {"mp3": "audio/mpeg", "m4a": "audio/mp4", "aac": "audio/aac", "ogg": "audio/ogg"}

    title = models.CharField(max_length=255)
    file = models.FileField(
        upload_to="audio",
        validators=[FileExtensionValidator(list(MIME_TYPES))],
        help_text="An MP3, M4A, AAC or Ogg file.",
    )
    duration = models.DurationField(help_text="How long it plays, as hh:mm:ss.")
    credit = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("file"), FieldPanel("duration"), FieldPanel("credit")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "audio clip"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    @property
    def length_display(self):
        """The duration as a player shows it: 4:05, or 1:02:05 past the hour."""
        hours, rest = divmod(int(self.duration.total_seconds()), 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

    @property
    def mime_type(self):
        extension = self.file.name.rsplit(".", 1)[-1].lower()
        return self.MIME_TYPES.get(extension, "application/octet-stream")
