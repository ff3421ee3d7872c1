from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.views.pages import create

from .forms import NewStoryForm
from .stories import preset_values, sections_open_to


def new_story(request):
    """Pick a section and a type of story in one step, then write it in Wagtail's editor."""
    if not sections_open_to(request.user).exists():
        raise PermissionDenied
    if "kind" in request.GET:
        form = NewStoryForm(request.GET, user=request.user)
        if form.is_valid():
            return redirect(form.editor_url())
    else:  # "New story here" on a section's page names the section
        form = NewStoryForm(initial={"section": request.GET.get("section")}, user=request.user)
    return TemplateResponse(
        request, "desk/new_story.html", {"form": form, "header_title": "New story"}
    )


class CreatePageView(create.CreateView):
    """Wagtail's "add page" view, starting the page with the preset the New story form chose
    (an opinion piece starts with the Opinion kicker)."""

    def get(self, request):
        for name, value in preset_values(self.page_class, request.GET.get("preset", "")).items():
            setattr(self.page, name, value)
        return super().get(request)
