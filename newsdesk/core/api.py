"""The read-only public API (Wagtail API v2): pages readers may see, and their photos only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from newsdesk.core.visibility import visible_to_readers
from newsdesk.multimedia.readers import reader_images


class ReaderPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        return visible_to_readers(super().get_base_queryset())


class ReaderImagesAPIViewSet(ImagesAPIViewSet):
    """Only photos readers can already see on the site: not the whole library (an
    embargoed story's photo, with its title and download URL, stays with the staff)."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=reader_images().values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReaderPagesAPIViewSet)
api_router.register_endpoint("images", ReaderImagesAPIViewSet)
