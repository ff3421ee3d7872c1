from wagtail import hooks

from newsdesk.news.models import ArticleCorrection, ArticlePage

from .models import CORRECTIONS_TAG


@hooks.register("newsdesk_purge_tags")
def corrections_page_tag(obj):
    """The corrections page lists the corrections of every story readers may see."""
    if not isinstance(obj, ArticlePage):
        return []
    kinds = {note.kind for note in obj.corrections.all()}
    return [CORRECTIONS_TAG] if ArticleCorrection.Kind.CORRECTION in kinds else []
