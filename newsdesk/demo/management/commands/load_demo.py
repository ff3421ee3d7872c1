import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsdesk.demo import loader


class Command(BaseCommand):
    help = (
        "Load The Newsdesk's demo newsroom (sections, stories, authors, photos and an admin "
        "user) into an empty site. Does nothing if the site already has stories."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into an empty site (what the command always does; kept for make run).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off. The demo creates a superuser with a public password.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this looks like production: the demo would create a superuser "
                "with a publicly known password. Pass --force if you really mean it."
            )
        if loader.has_content():
            self.stdout.write("The newsroom already has content; nothing was loaded.")
            self.print_logins()
            return
        with quiet_page_log(options["verbosity"]):
            summary = loader.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo newsroom: {summary.sections} sections, {summary.articles} "
                f"articles, {summary.authors} authors, {summary.photos} photos."
            )
        )
        if not summary.admin_created:
            self.stdout.write("An 'admin' account already existed; its password was not changed.")
        self.print_logins()

    def print_logins(self):
        accounts = loader.demo_accounts()
        if not accounts:
            return
        self.stdout.write(
            f"Admin: {loader.admin_url()}  demo logins (password: {loader.ADMIN_PASSWORD}):"
        )
        for username, role in accounts:
            self.stdout.write(f"  {role:<26} user: {username}")


@contextmanager
def quiet_page_log(verbosity):
    """Wagtail logs every page created and published: a hundred lines nobody asked for."""
    log = logging.getLogger("wagtail")
    level = log.level
    if verbosity < 2:
        log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.setLevel(level)
