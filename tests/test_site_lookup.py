"""Which Wagtail site answers a host is worked out once per content change, not on every request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def site_queries(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    found = [query for query in queries if 'FROM "wagtailcore_site"' in query["sql"]]
    return len(found), response.wsgi_request._wagtail_site


def test_the_site_comes_from_the_content_cache_until_the_sites_change(client, settings, home_page):
    settings.CONTENT_CACHE_SECONDS = 300
    client.get("/")  # the site's settings are made on its first request (a content change)
    count, site = site_queries(client)
    assert count == 1 and site.root_page_id == home_page.pk
    count, site = site_queries(client)
    assert count == 0 and site.site_name == "Test"
    Site.objects.filter(pk=site.pk).update(site_name="Renamed")
    # An update() sends no signal, so the kept site is still used...
    assert site_queries(client)[1].site_name == "Test"
    # ...but saving it, as the admin does, turns the content cache over.
    renamed = Site.objects.get(pk=site.pk)
    renamed.save()
    count, site = site_queries(client)
    assert count == 1 and site.site_name == "Renamed"


def test_another_host_is_looked_up_for_itself(client, settings, home_page):
    settings.CONTENT_CACHE_SECONDS = 300
    other_home = home_page.add_sibling(instance=type(home_page)(title="Other", slug="other"))
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_home, site_name="Other")
    client.get("/")
    assert site_queries(client)[1].site_name == "Test"
    response = client.get("/", HTTP_HOST="127.0.0.1")
    assert response.wsgi_request._wagtail_site.site_name == "Other"
    assert site_queries(client)[1].site_name == "Test"
