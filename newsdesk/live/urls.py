from django.urls import path, re_path

from . import views

app_name = "live"

urlpatterns = [
    path("", views.index, name="index"),
    path("blog/<id:blog_id>/events/", views.blog_events, name="blog_events"),
    re_path(r"^streams/(?P<path>.+)$", views.stream_file, name="stream_file"),
    path("<slug:slug>/", views.channel, name="channel"),
    path("<slug:slug>/listen/", views.listen, name="listen"),
    path("<slug:slug>/status/", views.channel_status, name="channel_status"),
]
