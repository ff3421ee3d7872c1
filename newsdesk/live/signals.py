from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .actions import do_announce_state
from .models import LiveBlogPage, LiveChannel
from .page_cache import purge_everything_on_commit


@receiver(page_published, sender=LiveBlogPage)
def announce_state_change(sender, instance, **kwargs):
    do_announce_state(instance)


post_save.connect(purge_everything_on_commit, sender=LiveChannel)
post_delete.connect(purge_everything_on_commit, sender=LiveChannel)
