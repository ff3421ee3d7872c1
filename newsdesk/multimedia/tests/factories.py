import factory
import wagtail_factories

from newsdesk.multimedia.models import CustomImage


class PhotoFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = "Fishing boats moored in a harbour at dawn"
    default_caption = "Boats wait out the storm in the harbour."
    credit = "Photo: Twitter/ @harbourwatch"
    file = factory.django.ImageField(width=640, height=360, color="steelblue")

    class Meta:
        model = CustomImage
