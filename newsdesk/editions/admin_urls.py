from django.urls import path

from . import views

app_name = "editions"

urlpatterns = [
    path("stale/", views.stale_list, name="stale_list"),
    path("stale/<id:state_id>/", views.stale_detail, name="stale_detail"),
    path("stale/<id:state_id>/up-to-date/", views.mark_up_to_date, name="mark_up_to_date"),
    path("stale/<id:state_id>/correction/", views.carry_correction, name="carry_correction"),
    path("translate/<id:page_id>/", views.translate_into, name="translate_into"),
]
