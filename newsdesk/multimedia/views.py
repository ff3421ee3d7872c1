from django.http import HttpResponseNotFound, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.static import serve
from wagtail.images import get_image_model

from .conf import multimedia_settings
from .readers import is_reader_image, works_with_photos
from .storage import is_checked


def serve_photo_file(request, path):
    """A photo's original or rendition, for readers only once a page readers may see shows
    the photo; before that, to staff who work with photos (previews) and to nobody else."""
    found = file_of(path)
    if found is None:
        return not_found()
    image, field_file = found
    if is_reader_image(image):
        response = file_response(request, field_file)
        patch_cache_control(response, public=True, max_age=multimedia_settings.MEDIA_MAX_AGE)
        return response
    if works_with_photos(request.user):
        response = file_response(request, field_file)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
    return not_found()


def file_of(path):
    """(image, its file) for a stored original or rendition name, else None."""
    if not is_checked(path) or "\x00" in path:  # PostgreSQL refuses NUL in a lookup
        return None
    image = get_image_model().objects.filter(file=path).first()
    if image is not None:
        return image, image.file
    rendition = (
        get_image_model().get_rendition_model().objects.filter(file=path).select_related("image")
    )
    rendition = rendition.first()
    return (rendition.image, rendition.file) if rendition else None


def file_response(request, field_file):
    storage = field_file.storage
    if hasattr(storage, "signed_url"):
        return HttpResponseRedirect(storage.signed_url(field_file.name))
    return serve(request, field_file.name, document_root=storage.location)


def not_found():
    # Never kept by Varnish or browsers: the photo may be published a minute later.
    response = HttpResponseNotFound("Not found", content_type="text/plain")
    add_never_cache_headers(response)
    return response
