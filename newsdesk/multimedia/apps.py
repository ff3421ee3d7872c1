from django.apps import AppConfig


class MultimediaConfig(AppConfig):
    name = "newsdesk.multimedia"
    label = "multimedia"
    verbose_name = "Multimedia"

    def ready(self):
        from wagtail.images import get_image_model

        from . import checks, receivers  # noqa: F401 (checks registers itself)

        receivers.connect(get_image_model())
