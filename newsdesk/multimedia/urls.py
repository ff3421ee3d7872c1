from django.urls import re_path

from . import views

app_name = "multimedia"

# Under MEDIA_URL: photos' originals and renditions. Other media (audio) is not checked.
urlpatterns = [
    re_path(r"^(?P<path>(?:original_images|images)/.+)$", views.serve_photo_file, name="photo"),
]
