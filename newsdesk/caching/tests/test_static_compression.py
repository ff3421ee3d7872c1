"""Static files are compressed at collectstatic (the production storage writes .br and .gz
beside each hashed file) and WhiteNoise sends whichever the request accepts."""

import gzip
import importlib

import brotli
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware


@pytest.fixture
def collected(settings, tmp_path, monkeypatch):
    """collectstatic with the production storage, of the project's own files (the admin's
    thousands would take a minute to compress)."""
    monkeypatch.setattr("newsdesk.settings.base.SECRET_KEY", "only-to-read-production-settings")
    production = importlib.import_module("newsdesk.settings.production")
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": production.STORAGES["staticfiles"]}
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--no-input", verbosity=0)
    return tmp_path


def test_collectstatic_writes_brotli_and_gzip_files(collected):
    css = staticfiles_storage.stored_name("css/newsdesk.css")
    original = (collected / css).read_bytes()
    assert brotli.decompress((collected / f"{css}.br").read_bytes()) == original
    assert gzip.decompress((collected / f"{css}.gz").read_bytes()) == original


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    # WhiteNoise reads no q-values (br;q=0 still gets brotli); Varnish's VCL, in front,
    # sends it only br, gzip or nothing.
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), (None, None)],
)
def test_whitenoise_sends_the_precompressed_file_the_request_accepts(
    collected, accept_encoding, coding
):
    css = staticfiles_storage.stored_name("css/newsdesk.css")
    whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))
    headers = {"HTTP_ACCEPT_ENCODING": accept_encoding} if accept_encoding else {}

    response = whitenoise(RequestFactory().get(f"/static/{css}", **headers))

    with response.file_to_stream:
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == coding
    assert "Accept-Encoding" in response["Vary"]
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding]
    assert decode(body) == (collected / css).read_bytes()
    assert "immutable" in response["Cache-Control"]  # a hashed name: kept a year
