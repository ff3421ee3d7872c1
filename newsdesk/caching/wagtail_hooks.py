from wagtail import hooks

from .metadata import add_tags_of


@hooks.register("before_serve_page")
def tag_the_served_page(page, request, serve_args, serve_kwargs):
    """Every page served carries its own tags, whatever its template shows."""
    add_tags_of(page)
