"""A page's view restrictions, as they were kept with the routed pages routes.py used to
keep. Nothing keeps pages now (a remembered route fetches the page, and Wagtail its
restrictions, from the database); the page models' bases and their migrations still
name the mixin, which then simply asks the database."""


class KeptRestrictionsMixin:
    """For page models: the restrictions kept on the page, if any, else Wagtail's own."""

    def get_view_restrictions(self):
        kept = self.__dict__.get("kept_view_restrictions")
        return kept if kept is not None else super().get_view_restrictions()
