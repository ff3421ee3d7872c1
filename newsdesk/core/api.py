"""The read-only public API (Wagtail API v2): pages readers may see, and their photos only."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from newsdesk.core.visibility import visible_to_readers
from newsdesk.multimedia.readers import reader_images

from .ids import ID_MAX, parse_id


class BoundedPagination(WagtailPagination):
    """Wagtail's ?offset= and ?limit=, refused past what a database OFFSET takes (a
    64-bit integer), so a huge offset is a 400 rather than a database error."""

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            value = request.GET.get(name)
            if value is not None and parse_id(value, minimum=0) is None:
                raise BadRequestError(f"{name} must be a whole number from 0 to {ID_MAX}")
        return super().paginate_queryset(queryset, request, view)


class ReaderPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination

    def get_base_queryset(self):
        return visible_to_readers(super().get_base_queryset())


class ReaderImagesAPIViewSet(ImagesAPIViewSet):
    """Only photos readers can already see on the site: not the whole library (an
    embargoed story's photo, with its title and download URL, stays with the staff)."""

    pagination_class = BoundedPagination

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=reader_images().values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReaderPagesAPIViewSet)
api_router.register_endpoint("images", ReaderImagesAPIViewSet)
