from django.dispatch import receiver
from wagtail.signals import page_published

from newsdesk.caching.signals import purge_on_change

from .actions import do_announce_state
from .models import LiveBlogPage, LiveChannel


@receiver(page_published, sender=LiveBlogPage)
def announce_state_change(sender, instance, **kwargs):
    do_announce_state(instance)


purge_on_change(LiveChannel)
