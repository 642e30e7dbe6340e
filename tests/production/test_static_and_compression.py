"""What a browser downloads from a production server: static files under hashed names, compressed
(Brotli and gzip) and cached for good; a visitor's page compressed, small and cached for a minute."""

import gzip
import re
import urllib.request

from tests.production.conftest import PORTS, production_environment, query


def fetch(base_url, path, encoding):
    request = urllib.request.Request(base_url + path, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


def test_static_files_are_hashed_compressed_and_cached_for_good(processes, site_files):
    site = processes.web(
        "web", PORTS[3], production_environment(site_files, site_url=f"http://127.0.0.1:{PORTS[3]}")
    )
    _headers, home = fetch(site, "/", "identity")
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
    assert stylesheet, "the site's stylesheet is linked under its hashed name"
    path = stylesheet.group(1).decode()
    for encoding in ("br", "gzip"):
        headers, _body = fetch(site, path, encoding)
        assert headers["Content-Encoding"] == encoding
        assert "max-age=315360000" in headers["Cache-Control"]
        assert "immutable" in headers["Cache-Control"]

    story_path = query(
        "SELECT url_path FROM wagtailcore_page p JOIN stories_storypage s ON s.page_ptr_id = p.id"
        " WHERE p.live AND s.audience = 'public' ORDER BY p.id LIMIT 1"
    ).removeprefix("/home")
    headers, body = fetch(site, story_path, "gzip")
    assert headers["Content-Encoding"] == "gzip"
    assert len(body) <= 100 * 1024
    assert "public" in headers["Cache-Control"] and headers["ETag"]
    assert b"</html>" in gzip.decompress(body)
