from wagtail import hooks

from newsdesk.news.models import ArticleCorrection, ArticlePage

from .models import CorrectionsPage


@hooks.register("newsdesk_cached_paths")
def corrections_page_paths(page):
    """The corrections page lists the corrections of every story readers may see."""
    if not isinstance(page, ArticlePage):
        return []
    kinds = {note.kind for note in page.corrections.all()}
    if ArticleCorrection.Kind.CORRECTION not in kinds:
        return []
    site = page.get_site()
    pages = CorrectionsPage.objects.live().descendant_of(site.root_page) if site else []
    return [corrections_page.get_url_parts()[2] for corrections_page in pages]
