"""A real worker process and a local SMTP server that refuses each message at first: the join
request, the story and the booking are saved at once, and each email (the confirmation link, the
moderators' notice, the booking's confirmation) arrives exactly once."""

import email
import threading
import time
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from tests.factories.membership import join_form_data
from tests.factories.stories import story_form_data
from tests.production.conftest import MEMBER, PORTS, Visitor, production_environment, query

SMTP_PORT = PORTS[9]


class RefusingAtFirst:
    """Answers "try again later" (451) to the first attempt at each message, then accepts it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.refused = []
        self.accepted = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        key = (str(message["Subject"]), tuple(sorted(envelope.rcpt_tos)))
        with self.lock:
            if key not in self.refused:
                self.refused.append(key)
                return "451 4.3.0 Try again later"
            self.accepted.append(key)
        return "250 2.0.0 Accepted"


@pytest.fixture
def mail_server():
    handler = RefusingAtFirst()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield handler
    controller.stop()


def test_mail_refused_at_first_arrives_exactly_once(processes, site_files, mail_server):
    env = production_environment(
        site_files,
        site_url=f"http://127.0.0.1:{PORTS[0]}",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        EMAIL_RETRY_DELAYS="1,1,2,4",
    )
    site = processes.web("web", PORTS[0], env)
    processes.worker(env)
    host = site.removeprefix("http://")

    # A newcomer asks to join: allauth's confirmation email.
    newcomer = Visitor(host)
    status, _headers, _body = newcomer.post(
        site, "/join/", join_form_data(email="newcomer.worker@example.org")
    )
    assert status == 302
    assert (
        query(
            "SELECT count(*) FROM membership_joinrequest WHERE email = %s",
            "newcomer.worker@example.org",
        )
        == 1
    )

    # A member shares a story (the moderators are told) and books a meeting.
    member = Visitor(host)
    member.sign_in(site, *MEMBER)
    status, _headers, _body = member.post(
        site, "/stories/share/", story_form_data(title="Worker test story", action="submit")
    )
    assert status == 302
    assert query("SELECT count(*) FROM wagtailcore_page WHERE title = %s", "Worker test story") == 1
    meeting_path = query(
        "SELECT p.url_path FROM events_meetingpage m JOIN wagtailcore_page p ON p.id = m.page_ptr_id "
        "WHERE p.live AND m.starts_at > now() + interval '7 days' ORDER BY m.starts_at LIMIT 1"
    )
    meeting_url = meeting_path.removeprefix("/home")
    status, _headers, _body = member.post(site, meeting_url + "book/", {})
    assert status == 302
    assert (
        query(
            "SELECT b.status FROM events_booking b JOIN membership_user u ON u.id = b.member_id "
            "WHERE u.email = %s",
            MEMBER[0],
        )
        == "attending"
    )

    # Every message was refused once; the worker tries again until each is accepted.
    expected = {("newcomer.worker@example.org",), (MEMBER[0],)}
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        recipients = {rcpt for _subject, rcpt in mail_server.accepted}
        if expected <= recipients and set(mail_server.refused) <= set(mail_server.accepted):
            break
        time.sleep(0.5)
    time.sleep(3)  # long enough for a duplicate to show itself

    assert mail_server.refused, "the mail server was never asked"
    assert sorted(mail_server.accepted) == sorted(mail_server.refused), processes.log("worker")
    assert len(mail_server.accepted) == len(set(mail_server.accepted)), "a message came twice"
    subjects = [subject for subject, _rcpt in mail_server.accepted]
    assert any("Confirm your email address" in subject for subject in subjects), subjects
    assert any("Worker test story" in subject for subject in subjects), subjects
    assert any("You are coming:" in subject for subject in subjects), subjects
    assert "task deliver_email SUCCESSFUL" in processes.log("worker")
