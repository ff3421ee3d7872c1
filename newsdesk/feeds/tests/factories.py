from datetime import timedelta

import factory

from newsdesk.multimedia.models import AudioClip

# The start of an MP3 file: enough for the upload, which checks the extension only.
MP3_BYTES = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 4086


class AudioClipFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Listen: the harbour report, part {n}")
    file = factory.django.FileField(filename="harbour-report.mp3", data=MP3_BYTES)
    duration = timedelta(minutes=4, seconds=30)

    class Meta:
        model = AudioClip
