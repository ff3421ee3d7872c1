from django.core.management.base import BaseCommand, CommandError
from wagtail.images import get_image_model

from newsdesk.multimedia.renditions.making import make_renditions
from newsdesk.multimedia.tasks import make_photo_renditions


class Command(BaseCommand):
    help = (
        "Make every registered rendition that is missing, of every photo (or those named): "
        "run it after a deploy that adds a rendition set. Renditions already made are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "image_ids", nargs="*", type=int, metavar="ID", help="Only these photos."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue a task per photo for the workers instead of making them here.",
        )

    def handle(self, *args, image_ids, queue, verbosity, **options):
        photos = get_image_model().objects.order_by("pk")
        if image_ids:
            photos = photos.filter(pk__in=image_ids)
            missing = set(image_ids) - set(photos.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No photo has the id {', '.join(map(str, sorted(missing)))}.")
        if queue:
            count = 0
            for image_id in photos.values_list("pk", flat=True).iterator():
                make_photo_renditions.enqueue(image_id)
                count += 1
            self.stdout.write(f"Queued the renditions of {count} photos.")
            return
        totals = {"photos": 0, "made": 0, "already_made": 0, "lost_races": 0, "unreadable": 0}
        for photo in photos.iterator(chunk_size=100):
            outcome = make_renditions(photo)
            totals["photos"] += 1
            totals["made"] += outcome.made
            totals["already_made"] += outcome.already_made
            totals["lost_races"] += outcome.lost_races
            if outcome.unreadable:
                totals["unreadable"] += 1
                self.stderr.write(f"Photo {photo.pk} ({photo.title}): {outcome.unreadable}")
            elif verbosity > 1:
                self.stdout.write(f"Photo {photo.pk}: made {outcome.made}")
        self.stdout.write(
            "{photos} photos: made {made} renditions, {already_made} were made already, "
            "{lost_races} made at the same time by another worker; {unreadable} photos "
            "could not be read.".format(**totals)
        )
