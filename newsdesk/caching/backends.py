"""Front-end caches as Wagtail front-end cache backends, each able to purge by tag
(`purge_tags`, tasks.py) and to empty itself (`purge_everything`).

    VarnishBackend      Wagtail's HTTP backend (a PURGE per URL, which our VCL turns into
                        a ban of every query variant of the path), plus a soft purge by
                        xkey (`xkey-softpurge` header) and a BAN of everything
    FastlyBackend       Fastly's purge API: surrogate keys, soft purge
    CloudflareBackend   Wagtail's, plus Cloudflare's purge by Cache-Tag and of everything

A soft purge marks the pages stale instead of dropping them: the next reader gets the
stale copy while one background fetch renders the new one (grace), so a purged page read
by hundreds is rendered once. A hard one (`hard=True`: an unpublished story) drops them,
so that no reader gets them again; Cloudflare's purges are always hard. The API address
is a setting (API_URL) so that tests send the purges to a recording server on loopback.

Unlike Wagtail's, a Varnish purge fails loudly: each request has a timeout (TIMEOUT in the
backend's settings, 1 s by default), and a node that refused or did not answer raises
PurgeFailed once every URL has been tried, so the task queue tries the purge again (RQ's
retries in the multi-node profile) instead of leaving that node serving the old page.
purge.py sends each node its own task, so a node that is down delays no other.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

import requests
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import CloudflareBackend as WagtailCloudflare
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")
USER_AGENT = f"Wagtail-frontendcache/{__version__}"
TIMEOUT = 10
DEFAULT_VARNISH_TIMEOUT = 1.0


class PurgeFailed(Exception):
    """A cache node did not take a purge; raised so the task is tried again."""


def chunks(items, size):
    items = list(items)
    return [items[start : start + size] for start in range(0, len(items), size)]


class MethodRequest(Request):
    def __init__(self, method, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.method_name = method

    def get_method(self):
        return self.method_name


class VarnishBackend(HTTPBackend):
    # Keys per request: a header line of at most about 8 kB, Varnish's default limit.
    TAGS_PER_REQUEST = 100

    def __init__(self, params):
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_VARNISH_TIMEOUT))
        super().__init__(params)

    def purge_tags(self, tags, hard=False):
        header = "xkey-purge" if hard else "xkey-softpurge"
        for chunk in chunks(tags, self.TAGS_PER_REQUEST):
            self._send("PURGE", {header: " ".join(chunk)}, f"tags {chunk}")

    def purge_everything(self):
        self._send("BAN", {}, "everything")

    def purge_batch(self, urls):
        failures = [error for url in urls if (error := self.send_purge(url))]
        if failures:
            raise PurgeFailed(f"{len(failures)} of {len(urls)} purges failed: {failures[0]}")

    def purge(self, url):
        if error := self.send_purge(url):
            raise PurgeFailed(error)

    def _send(self, method, headers, what):
        request = MethodRequest(
            method,
            url=f"{self.cache_scheme}://{self.cache_netloc}/",
            headers={"User-Agent": USER_AGENT, **headers},
        )
        if error := self.send(request, what):
            raise PurgeFailed(f"Couldn't purge {what}: {error}")

    def send_purge(self, url):
        """None when the node took the purge, else what went wrong (logged)."""
        request = PurgeRequest(url=self.node_url(url), headers=self.purge_headers(url))
        return self.send(request, url)

    def send(self, request, what):
        try:
            urlopen(request, timeout=self.timeout)
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            logger.error("Couldn't purge %s from %s: %s", what, self.cache_netloc, reason)
            return f"{self.cache_netloc}: {reason}"
        return None

    def node_url(self, url):
        """The URL's path and query, sent to this node."""
        parts = urlsplit(url)
        return urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])

    @staticmethod
    def purge_headers(url):
        """Wagtail's: the page's own host name (with its port), so the VCL may tell sites
        apart."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        return {"Host": host, "User-Agent": USER_AGENT}


class FastlyBackend(BaseBackend):
    """params: SERVICE_ID, API_KEY, API_URL (https://api.fastly.com), SOFT_PURGE (True)."""

    KEYS_PER_REQUEST = 256  # Fastly's limit for a batch purge

    def __init__(self, params):
        super().__init__(params)
        self.service_id = params["SERVICE_ID"]
        self.api_key = params["API_KEY"]
        self.api_url = params.get("API_URL", "https://api.fastly.com").rstrip("/")
        self.soft = params.get("SOFT_PURGE", True)

    def headers(self, hard=False):
        headers = {"Fastly-Key": self.api_key, "Accept": "application/json"}
        if self.soft and not hard:
            headers["Fastly-Soft-Purge"] = "1"
        return headers

    def purge(self, url):
        self._send("PURGE", url, "url " + url)

    def purge_tags(self, tags, hard=False):
        for chunk in chunks(tags, self.KEYS_PER_REQUEST):
            url = f"{self.api_url}/service/{self.service_id}/purge"
            self._send("POST", url, f"keys {chunk}", json={"surrogate_keys": chunk}, hard=hard)

    def purge_everything(self):
        self._send("POST", f"{self.api_url}/service/{self.service_id}/purge_all", "everything")

    def _send(self, method, url, what, hard=False, **kwargs):
        try:
            response = requests.request(
                method, url, headers=self.headers(hard), timeout=TIMEOUT, **kwargs
            )
            response.raise_for_status()
        except requests.RequestException as error:
            logger.error("Couldn't purge %s from Fastly: %s", what, error)


class CloudflareBackend(WagtailCloudflare):
    """Wagtail's, plus API_URL (https://api.cloudflare.com/client/v4) and purges by tag."""

    TAGS_PER_REQUEST = 30

    def __init__(self, params):
        api_url = params.pop("API_URL", "https://api.cloudflare.com/client/v4").rstrip("/")
        super().__init__(params)
        self.cloudflare_purge_endpoint_url = f"{api_url}/zones/{self.cloudflare_zoneid}/purge_cache"

    def headers(self):
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        return headers

    def _purge_urls(self, urls):
        self._send({"files": urls}, f"urls {urls}")

    def purge_tags(self, tags, hard=False):
        for chunk in chunks(tags, self.TAGS_PER_REQUEST):
            self._send({"tags": chunk}, f"tags {chunk}")

    def purge_everything(self):
        self._send({"purge_everything": True}, "everything")

    def _send(self, data, what):
        try:
            response = requests.post(
                self.cloudflare_purge_endpoint_url, json=data, headers=self.headers(), timeout=30
            )
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.error("Couldn't purge %s from Cloudflare: %s", what, error)
            return
        if not answer.get("success"):
            messages = ", ".join(str(err.get("message")) for err in answer.get("errors", []))
            logger.error("Couldn't purge %s from Cloudflare: %s", what, messages)
