"""Admin URLs that replace Wagtail's own: included before wagtail.admin.urls in newsdesk/urls.py,
with the decorators Wagtail gives its admin URLs."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import choosers, reports, views

urlpatterns = [
    path("choose-page/", choosers.BrowseView.as_view(), name="wagtailadmin_choose_page"),
    path(
        "choose-page/<int:parent_page_id>/",
        choosers.BrowseView.as_view(),
        name="wagtailadmin_choose_page_child",
    ),
    path(
        "choose-page/chosen-multiple/",
        choosers.ChosenMultipleView.as_view(),
        name="wagtailadmin_choose_page_chosen_multiple",
    ),
    path("reports/page-types-usage/", reports.PageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        reports.PageTypesUsageReportView.as_view(results_only=True),
    ),
    path("desk/new-story/", views.new_story, name="desk_new_story"),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
