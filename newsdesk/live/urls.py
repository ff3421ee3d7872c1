"""The live app's reader URLs, in two namespaces (newsdesk/urls.py includes them).

`live_streams`: a live blog's events stream and the stream files (/live/blog/<id>/events/,
/live/streams/...), one address for every edition, as proxies route the events by path.
`live`: the channels' pages (/live/, /live/<channel>/, its listen/ and status/), under each
edition's prefix (/es/live/), each showing that edition's own channels.
"""

from django.urls import path, re_path

from . import views

stream_urlpatterns = (
    [
        path("blog/<id:blog_id>/events/", views.blog_events, name="blog_events"),
        re_path(r"^streams/(?P<path>.+)$", views.stream_file, name="stream_file"),
    ],
    "live_streams",
)

channel_urlpatterns = (
    [
        path("", views.index, name="index"),
        path("<slug:slug>/", views.channel, name="channel"),
        path("<slug:slug>/listen/", views.listen, name="listen"),
        path("<slug:slug>/status/", views.channel_status, name="channel_status"),
    ],
    "live",
)
