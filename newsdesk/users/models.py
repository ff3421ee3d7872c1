from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The newsroom's user, swappable from day one so that roles and profiles can grow here."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
