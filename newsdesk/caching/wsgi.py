"""The production WSGI entry point for pages: Django behind the page cache's front door.

granian --interface wsgi --workers 4 newsdesk.caching.wsgi:application

Pages are served over WSGI: under ASGI, Django hops threads for every synchronous
middleware and view, which costs more than the render of a page itself. The live blogs'
event streams need ASGI (asgi.py); Varnish sends /live/blog/ there (deploy/varnish).
"""

import os

from django.core.wsgi import get_wsgi_application

from .front_door import WSGIPageCacheFrontDoor

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.production")
application = WSGIPageCacheFrontDoor(get_wsgi_application())
