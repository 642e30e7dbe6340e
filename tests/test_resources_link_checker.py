"""The broken-link checker, against a local HTTP server on 127.0.0.1 (never the internet)."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail_factories import DocumentFactory

from network_site.core.roles import EDITOR, MODERATOR
from resources.links import check_link
from tests.factories.membership import MemberFactory, make_staff
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

SLOW_SECONDS = 2.0
TIME_LIMIT = 0.5


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.answer(send_body=False)

    def do_GET(self):
        self.answer(send_body=True)

    def answer(self, send_body):
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path == "/get-only" and not send_body:
            status = 405
        elif self.path in ("/ok", "/slow", "/get-only"):
            status = 200
        else:
            status = 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if send_body:
            self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


# One server for the module: it keeps no state, and stopping one waits out its polling interval.
@pytest.fixture(scope="module")
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_working_link(local_server):
    result = check_link(local_server + "/ok", TIME_LIMIT)
    assert result.status == 200
    assert not result.is_broken


def test_a_missing_page(local_server):
    result = check_link(local_server + "/missing", TIME_LIMIT)
    assert result.status == 404
    assert result.is_broken
    assert result.describe() == "HTTP 404"


def test_a_server_that_refuses_head_is_asked_with_get(local_server):
    result = check_link(local_server + "/get-only", TIME_LIMIT)
    assert result.status == 200


def test_a_slow_server_is_given_up_on_after_the_time_limit(local_server):
    started = time.monotonic()
    result = check_link(local_server + "/slow", TIME_LIMIT)
    elapsed = time.monotonic() - started
    assert result.is_broken
    assert result.describe() == "no answer within 0.5 seconds"
    assert elapsed < SLOW_SECONDS


def test_a_refused_connection(closed_port):
    result = check_link(f"http://127.0.0.1:{closed_port}/", TIME_LIMIT)
    assert result.is_broken
    assert result.describe().startswith("connection error")


def test_the_command_reports_only_the_broken_links(home_page, local_server, closed_port):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Working", external_url=local_server + "/ok")
    ResourcePageFactory(parent=library, title="Gone", external_url=local_server + "/missing")
    ResourcePageFactory(parent=library, title="Sluggish", external_url=local_server + "/slow")
    ResourcePageFactory(
        parent=library, title="Nobody home", external_url=f"http://127.0.0.1:{closed_port}/"
    )
    ResourcePageFactory(
        parent=library, title="Document only", external_url="", document=DocumentFactory()
    )
    draft = ResourcePageFactory(parent=library, title="Draft", external_url=local_server + "/gone")
    draft.unpublish()

    output = StringIO()
    started = time.monotonic()
    call_command("check_resource_links", "--timeout", str(TIME_LIMIT), stdout=output)
    elapsed = time.monotonic() - started
    report = output.getvalue()

    assert "BROKEN Gone (page " in report and f"{local_server}/missing - HTTP 404" in report
    assert f"{local_server}/slow - no answer within 0.5 seconds" in report
    assert "BROKEN Nobody home" in report and "connection error" in report
    assert "Working" not in report
    assert "Draft" not in report
    assert "Checked 4 links: 3 broken." in report
    assert elapsed < SLOW_SECONDS + 1


def test_the_command_can_fail_for_scheduled_checks(home_page, local_server):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Gone", external_url=local_server + "/missing")
    with pytest.raises(CommandError, match="1 broken link"):
        call_command(
            "check_resource_links", "--timeout", "1", "--fail-on-broken", stdout=StringIO()
        )


def test_all_well(home_page, local_server):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Working", external_url=local_server + "/ok")
    output = StringIO()
    call_command("check_resource_links", "--timeout", "1", "--fail-on-broken", stdout=output)
    assert "Checked 1 link: 0 broken." in output.getvalue()


def test_a_nonsense_time_limit_is_refused():
    with pytest.raises(CommandError, match="more than 0"):
        call_command("check_resource_links", "--timeout", "0")


def test_one_email_a_run_tells_the_editors_which_links_are_broken(home_page, local_server):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Working", external_url=local_server + "/ok")
    ResourcePageFactory(parent=library, title="Gone", external_url=local_server + "/missing")
    ResourcePageFactory(parent=library, title="Vanished", external_url=local_server + "/away")
    make_staff(EDITOR, email="eilidh@example.org")
    make_staff(EDITOR, email="retired@example.org", is_active=False)
    make_staff(MODERATOR, email="moderator@example.org")
    MemberFactory(email="member@example.org")

    output = StringIO()
    call_command("check_resource_links", "--timeout", "1", stdout=output)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    # Everyone who may edit the resources (an administrator would be too), nobody else.
    assert message.to == ["eilidh@example.org"]
    assert message.subject == "2 broken links in the resource library"
    assert f"Gone: {local_server}/missing (HTTP 404)" in message.body
    assert "Vanished" in message.body and "Working" not in message.body
    assert "/admin/reviews/" in message.body
    html = message.alternatives[0][0]
    assert "Gone" in html and "Working" not in html
    assert "Emailed 1 editor." in output.getvalue()


def test_no_email_when_every_link_works(home_page, local_server):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Working", external_url=local_server + "/ok")
    make_staff(EDITOR, email="eilidh@example.org")
    call_command("check_resource_links", "--timeout", "1", stdout=StringIO())
    assert mail.outbox == []


def test_broken_links_appear_in_the_content_review_report(client, home_page, local_server):
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Gone", external_url=local_server + "/missing")
    ResourcePageFactory(parent=library, title="Working", external_url=local_server + "/ok")
    call_command("check_resource_links", "--timeout", "1", stdout=StringIO())

    client.force_login(make_staff(EDITOR))
    page = client.get("/admin/reviews/").content.decode()
    report = page[page.index("Broken links in the library") :]
    assert "Gone" in report and f"{local_server}/missing" in report and "HTTP 404" in report
    assert "Working" not in report
