"""Members-only content is restricted to signed-in members or groups: the admin's privacy forms
(pages and collections) never offer Wagtail's shared-password option."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from network_site.core.roles import ADMINISTRATOR, EDITOR
from tests.factories.core import StandardPageFactory
from tests.factories.membership import make_staff

pytestmark = pytest.mark.django_db


def privacy_form(response):
    assert response.status_code == 200
    return response.json()["html"]


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_the_page_privacy_form_offers_no_shared_password(client, home_page, role):
    page = StandardPageFactory(parent=home_page)
    client.force_login(make_staff(role))
    url = f"/admin/pages/{page.pk}/privacy/"

    html = privacy_form(client.get(url))
    assert 'value="login"' in html
    assert 'value="password"' not in html
    assert 'name="password"' not in html

    client.post(url, {"restriction_type": "password", "password": "shared-secret"})
    assert not PageViewRestriction.objects.filter(page=page).exists()


def test_the_collection_privacy_form_offers_no_shared_password(admin_client, home_page):
    collection = Collection.get_first_root_node().add_child(name="Papers")
    url = f"/admin/collections/{collection.pk}/privacy/"

    html = privacy_form(admin_client.get(url))
    assert 'value="login"' in html
    assert 'value="password"' not in html

    admin_client.post(url, {"restriction_type": "password", "password": "shared-secret"})
    assert not CollectionViewRestriction.objects.filter(collection=collection).exists()
