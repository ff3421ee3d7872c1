from django.urls import path, register_converter

from . import views


class FeedFormatConverter:
    regex = "|".join(views.FORMATS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedFormatConverter, "feed_format")

app_name = "feeds"

urlpatterns = [
    path("feeds/<feed_format:format>/", views.site_feed, name="site"),
    path(
        "feeds/sections/<path:section_path>/<feed_format:format>/",
        views.section_feed,
        name="section",
    ),
    path("feeds/authors/<str:slug>/<feed_format:format>/", views.author_feed, name="author"),
    path("feeds/topics/<str:slug>/<feed_format:format>/", views.topic_feed, name="topic"),
    path("feeds/audio/<feed_format:format>/", views.audio_feed, name="audio"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
