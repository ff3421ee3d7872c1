from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AudioClip


class AudioClipChooserViewSet(SnippetChooserViewSet):
    # An upload tab in the chooser, as photos and documents have: a story's author files
    # the clip without leaving the story.
    form_fields = ["title", "file", "duration", "credit"]
    create_action_label = "Upload"


class AudioClipViewSet(SnippetViewSet):
    model = AudioClip
    icon = "media"
    menu_label = "Audio"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "duration", "created_at"]
    search_fields = ["title"]
    chooser_viewset_class = AudioClipChooserViewSet


register_snippet(AudioClipViewSet)
