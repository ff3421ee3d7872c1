from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from wagtail.models import Site
from wagtail.permissions import page_permission_policy

from .conf import default_edition, edition, editions, host_mode
from .locales import locales_kept_for_request

PREFIXED = {f.code for f in editions()} - {default_edition().code}


def edition_code_for(request):
    """The edition a request is for: its host's (a Site per edition) or its path prefix's.
    Never the reader's Accept-Language or cookie: a URL is one page for everyone."""
    if host_mode():
        site = Site.find_for_request(request)
        if site is not None:
            return edition(site.root_page.locale.language_code).code
        return default_edition().code
    first = request.path_info.lstrip("/").split("/", 1)[0]
    return first if first in PREFIXED else default_edition().code


class EditionMiddleware:
    """Activates the edition's language for the request (the URL resolver's i18n_patterns
    and Wagtail's Locale.get_active() read it) and says it in Content-Language. Unlike
    Django's LocaleMiddleware it adds no Vary: Accept-Language, which shared caches would
    have to key on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = edition_code_for(request)
        request.LANGUAGE_CODE = code
        with translation.override(code), locales_kept_for_request():
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


# wagtail-localize's report of every translation (page and snippet titles, drafts too)
# checks no permission: only staff who work on pages may open it.
PAGE_STAFF_VIEWS = {
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
}


class TranslationsReportGateMiddleware(MiddlewareMixin):
    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in PAGE_STAFF_VIEWS:
            return None
        if not works_on_pages(request.user):
            raise PermissionDenied
        return None


def works_on_pages(user):
    return page_permission_policy.user_has_any_permission(user, {"add", "change", "publish"})
