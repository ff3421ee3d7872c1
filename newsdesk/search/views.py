from django.shortcuts import render
from django.utils.translation import gettext

from newsdesk.feeds.stories import site_for

from .forms import SearchForm
from .query import StoryQuery, find_pages, find_stories
from .results import hits, results_page, summary


def search(request):
    """The search page: works as a plain GET form; bad parameters give notices, not errors."""
    site = site_for(request)
    form = SearchForm(request.GET, site=site)
    form.is_valid()  # the valid fields are used, the others reported as notices
    query = StoryQuery.from_form(form)
    notices = form.notices()
    if form.cleaned_data.get("q") and not query.terms:
        notices.append(gettext("Your search had no words in it to look for."))
    context = {"form": form, "query": query, "notices": notices, "page_obj": None, "hits": []}
    if not query.is_empty:
        found = find_stories(site, query)
        page_obj, page_notice = results_page(found.stories, request.GET.get("page"))
        notices += [notice for notice in (found.notice, page_notice) if notice]
        context.update(
            pages=find_pages(site, query) if page_obj.number == 1 else [],
            page_obj=page_obj,
            hits=hits(page_obj.object_list, query.terms),
            summary=summary(page_obj.paginator.count, form.cleaned_data.get("q"), query, found),
        )
    return render(request, "search/search_page.html", context)
