"""The production ASGI entry point: Django behind the page cache's front door.

granian --interface asgi --workers 4 newsdesk.caching.asgi:application
"""

import os

from django.core.asgi import get_asgi_application

from .front_door import PageCacheFrontDoor

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")
application = PageCacheFrontDoor(get_asgi_application())
