"""A page's view restrictions, kept with the page routes.py keeps (for models, so it
imports nothing)."""


class KeptRestrictionsMixin:
    """For page models: Wagtail's view restriction check (its on_serve_page hook) takes
    the restrictions kept with the page instead of asking the database again. Any change
    to a restriction purges everything, which retires every kept page."""

    def get_view_restrictions(self):
        kept = self.__dict__.get("kept_view_restrictions")
        return kept if kept is not None else super().get_view_restrictions()
