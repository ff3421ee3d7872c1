from wagtail import hooks

from newsdesk.multimedia.renditions import RENDITION_SETS_HOOK, RenditionSet


@hooks.register(RENDITION_SETS_HOOK)
def search_result_renditions():
    """A story's photo beside its search result (search/includes/result.html)."""
    return [RenditionSet.of("search_result", "fill-240x135", "format-jpeg")]
