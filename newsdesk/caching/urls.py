from django.urls import path

from . import views

app_name = "caching"

urlpatterns = [path("healthz/", views.health, name="health")]
