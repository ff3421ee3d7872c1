from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import AbstractPage, Page

from newsdesk.news.models import SectionPage

from .choosers import stories_to_link
from .fields import VisiblePageChoiceField, VisiblePageChooser
from .panels import panels_for
from .stories import sections_open_to, story_models
from .views import CreatePageView
from .visibility import pages_visible_to

# Every admin form's page chooser (a foreign key to a page) accepts and shows only pages
# the user may see (fields.py).
register_form_field_override(
    models.ForeignKey,
    to=AbstractPage,
    override=lambda db_field: {
        "form_class": VisiblePageChoiceField,
        "widget": VisiblePageChooser(target_models=[db_field.remote_field.model]),
    },
)


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_the_user_may_see(pages, request):
    return pages_visible_to(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explore_only_pages_the_user_may_see(parent_page, pages, request):
    return pages_visible_to(request.user, pages)


class StoryViewSet(PageViewSet):
    """A story type's admin views: Wagtail's, with a New story preset on "add"."""

    add_view_class = CreatePageView


@hooks.register("register_admin_viewset")
def register_story_viewsets():
    return [StoryViewSet(f"desk_{model._meta.model_name}", model=model) for model in story_models()]


def may_start_a_story(user):
    return sections_open_to(user).exists()


class NewStoryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_start_a_story(request.user)


@hooks.register("register_admin_menu_item")
def register_new_story_menu_item():
    return NewStoryMenuItem(
        "New story",
        reverse("desk_new_story"),
        name="new-story",
        icon_name="doc-empty-inverse",
        order=50,
    )


class NewStoryHereMenuItem(PageMenuItem):
    label = "New story here"
    icon_name = "doc-empty-inverse"
    priority = 12

    def is_shown(self, user):
        section = issubclass(self.page.specific_class or Page, SectionPage)
        return section and self.page.permissions_for_user(user).can_add_subpage()

    @cached_property
    def url(self):
        return f"{reverse('desk_new_story')}?section={self.page.pk}"


@hooks.register("register_page_header_buttons")
def new_story_here_button(page, user, view_name, next_url=None):
    yield NewStoryHereMenuItem(page=page)


class NewStoryPanel(Component):
    name = "new_story"
    template_name = "desk/panels/new_story.html"
    order = 10

    def get_context_data(self, parent_context):
        return {"url": reverse("desk_new_story")}


@hooks.register("construct_homepage_panels")
def add_new_story_panel(request, panels):
    if may_start_a_story(request.user):
        panels.append(NewStoryPanel())
    panels.extend(panels_for(request.user))


@hooks.register("construct_page_chooser_queryset")
def choose_only_live_stories(pages, request):
    """A chooser asking for stories only links readers to one (a RELATED link, an editor's
    pick, a top story): it offers live stories, and not the story being edited."""
    return stories_to_link(pages, request)
