from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.core.api import api_router
from newsdesk.core.views import favicon, health
from newsdesk.editions.urls import edition_patterns
from newsdesk.live.urls import channel_urlpatterns, stream_urlpatterns

urlpatterns = [
    # The newsroom's versions of some of Wagtail's admin views, which they replace.
    path("admin/", include("newsdesk.desk.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("favicon.ico", favicon),
    path("healthz/", health, name="health"),
    path("healthz/<slug:name>/", health, name="health-check"),
    # Photos only through the view that checks readers may see them (before static() below).
    path(settings.MEDIA_URL.lstrip("/"), include("newsdesk.multimedia.urls")),
    path("comments/", include("newsdesk.comments.urls")),
    # A live blog's events and the stream files: one address for every edition.
    path("live/", include(stream_urlpatterns)),
]
# Each edition's reader URLs: /es/... for the Spanish edition (newsdesk/editions/urls.py).
urlpatterns += edition_patterns(
    # The channels' pages: each edition's own (/live/, /es/live/).
    path("live/", include(channel_urlpatterns)),
    path("", include("newsdesk.news.urls")),
    path("", include("newsdesk.feeds.urls")),
    path("search/", include("newsdesk.search.urls")),
    path("", include("newsdesk.about.urls")),
)

# A database outage met outside a view still answers 503 with a clear page.
handler500 = "newsdesk.caching.outage.server_error"
handler404 = "newsdesk.about.views.page_not_found"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += edition_patterns(path("", include(wagtail_urls)))
