from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .avatars import initials_avatar_url
from .signals import ROLE_CHANGE


@hooks.register("register_log_actions")
def register_role_change(actions):
    def message(log_entry):
        change = log_entry.data.get("change", "changed")
        groups = ", ".join(log_entry.data.get("groups", []))
        return f"Role {change}: {groups}" if groups else f"Role {change}"

    actions.register_action(ROLE_CHANGE, "Change role", message)


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    # Wagtail checks this only when the move is confirmed; its confirmation page would
    # otherwise show anyone the page and the destination.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("get_avatar_url")
def initials_instead_of_gravatar(user, size):
    return initials_avatar_url(user, size)
