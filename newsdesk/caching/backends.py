"""Varnish as a Wagtail front-end cache backend.

Purging is Wagtail's HTTP backend: one PURGE per URL, which our VCL turns into a ban of
every query variant of the path. What Wagtail's backends lack is "everything" (a new
breaking-news banner is on every page): a BAN to the same address does that.
"""

from urllib.error import URLError
from urllib.request import Request, urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import logger


class BanRequest(Request):
    def get_method(self):
        return "BAN"


class VarnishBackend(HTTPBackend):
    def purge_everything(self):
        request = BanRequest(
            url=f"{self.cache_scheme}://{self.cache_netloc}/",
            headers={"User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            urlopen(request)
        except URLError as error:
            logger.error("Couldn't ban everything from Varnish: %s", error)
