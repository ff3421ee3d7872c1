from django.urls import path

from . import views

app_name = "about"

urlpatterns = [
    path("404-preview/", views.not_found_preview, name="not_found_preview"),
]
