from datetime import timedelta

import factory
import wagtail_factories

from newsdesk.multimedia.models import AudioClip, CustomImage
from newsdesk.multimedia.renditions.making import make_renditions

# The start of an MP3 file: enough for the upload, which checks the extension only.
MP3_BYTES = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 4086


class PhotoFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "Fishing boats moored in a harbour at dawn"
    default_caption = "Boats wait out the storm in the harbour."
    credit = "Photo: Twitter/ @harbourwatch"
    file = factory.django.ImageField(width=640, height=360, color="steelblue")

    class Meta:
        model = CustomImage
        skip_postgeneration_save = True

    @factory.post_generation
    def renditions(photo, create, extracted, **kwargs):
        """PhotoFactory(renditions=True): a photo the worker has made the renditions of.
        Without it a photo is as just uploaded (the worker's task waits for the commit,
        which a test never makes), and pages show it by its fallback."""
        if create and extracted:
            make_renditions(photo)


class AudioClipFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Listen: the harbour report, part {n}")
    file = factory.django.FileField(filename="harbour-report.mp3", data=MP3_BYTES)
    duration = timedelta(minutes=4, seconds=30)

    class Meta:
        model = AudioClip
