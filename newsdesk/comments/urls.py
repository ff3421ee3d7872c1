from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "comments"

urlpatterns = [
    # Only a prefix for the reader's cookie; nothing lives here.
    path("", RedirectView.as_view(url="/", permanent=False), name="root"),
    path("article/<id:page_id>/", views.thread, name="thread"),
    path("article/<id:page_id>/fragment/", views.fragment, name="fragment"),
    path("article/<id:page_id>/post/", views.post_comment, name="post"),
    path("article/<id:page_id>/count/", views.count, name="count"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
