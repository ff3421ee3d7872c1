"""Wagtail's reports, naming only pages the user may see (visibility.py)."""

from wagtail.admin.views.reports import page_types_usage
from wagtail.models import Page

from .visibility import pages_visible_to


class PageTypesUsageReportView(page_types_usage.PageTypesUsageReportView):
    """Each page type's "last edited page" is left blank when the user may not see it."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        named = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        visible = set(
            pages_visible_to(self.request.user, Page.objects.filter(pk__in=named)).values_list(
                "pk", flat=True
            )
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in visible:
                item.last_edited_page = None
        return page_types
