from django.urls import path, register_converter

from . import views


class UnicodeSlugConverter:
    """Slugs as editors write them, in any script; nothing else (no NUL bytes, no slashes)."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(UnicodeSlugConverter, "uslug")

app_name = "news"

urlpatterns = [
    path("authors/<uslug:slug>/", views.author_detail, name="author"),
    path("topics/<uslug:slug>/", views.topic_detail, name="topic"),
]
