from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AudioClip


class AudioClipViewSet(SnippetViewSet):
    model = AudioClip
    icon = "media"
    menu_label = "Audio"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "duration", "created_at"]
    search_fields = ["title"]


register_snippet(AudioClipViewSet)
