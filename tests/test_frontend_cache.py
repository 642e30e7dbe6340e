"""Wagtail's frontend cache invalidation, configured from the environment: publishing and
unpublishing a page purges its addresses from the CDN or reverse proxy in front of the site."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from network_site.settings.environment import frontend_cache_from_env
from tests.factories.core import StandardPageFactory

pytestmark = pytest.mark.django_db


class RecordingProxy(BaseHTTPRequestHandler):
    """A reverse proxy's purge endpoint that writes down what it is asked to purge."""

    purged = []

    def do_PURGE(self):  # The HTTP method's name
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    RecordingProxy.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordingProxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", RecordingProxy.purged
    server.shutdown()
    server.server_close()


def test_publishing_and_unpublishing_purge_the_page(home_page, settings, proxy):
    location, purged = proxy
    settings.WAGTAILFRONTENDCACHE = frontend_cache_from_env({"FRONTEND_CACHE_PURGE_URL": location})
    page = StandardPageFactory(parent=home_page, slug="about", title="About")

    page.save_revision().publish()
    assert ("localhost", "/about/") in purged

    purged.clear()
    page.unpublish()
    assert ("localhost", "/about/") in purged


def test_nothing_is_purged_when_no_cache_is_configured(home_page, settings, proxy):
    _location, purged = proxy
    settings.WAGTAILFRONTENDCACHE = frontend_cache_from_env({})
    StandardPageFactory(parent=home_page, slug="about").save_revision().publish()
    assert purged == []


def test_cloudflare_and_cloudfront_are_configured_from_their_variables():
    cloudflare = frontend_cache_from_env(
        {"FRONTEND_CACHE_CLOUDFLARE_ZONE_ID": "zone", "FRONTEND_CACHE_CLOUDFLARE_TOKEN": "token"}
    )
    assert cloudflare["cloudflare"]["BACKEND"].endswith("CloudflareBackend")
    assert cloudflare["cloudflare"]["ZONEID"] == "zone"
    cloudfront = frontend_cache_from_env({"FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID": "dist"})
    assert cloudfront["cloudfront"]["DISTRIBUTION_ID"] == "dist"
