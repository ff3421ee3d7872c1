"""The site's URLs plus uploaded media, so photos load in the browser tests.

newsdesk.urls serves media only with DEBUG on, and tests run with DEBUG off.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsdesk.urls import handler404, handler500  # noqa: F401 (Django reads them here)
from newsdesk.urls import urlpatterns as site_urlpatterns

media_prefix = settings.MEDIA_URL.lstrip("/")

urlpatterns = [
    re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
