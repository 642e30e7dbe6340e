"""Redis killed under requests: the cache is an accelerator, so the site keeps answering from the
database (no 5xx), a member signs in and books meanwhile, /healthz says the cache is down, the log
gets a warning a minute rather than a traceback a request, sign-in stays rate limited, and the cache
is used again when Redis is back."""

import os
import subprocess
import threading
import time

import redis

from tests.production.conftest import MEMBER, PORTS, Visitor, production_environment, query

# A Redis of this test's own, which it kills (not the one the other tests share).
OWN_REDIS_PORT = int(os.environ.get("PRODUCTION_TEST_OWN_REDIS_PORT", str(PORTS[9])))
VISITOR_PATHS = ["/", "/stories/", "/resources/", "/search/?q=carers", "/meetings/"]
OTHER_MEMBER = ("tariq.hussain@example.org", MEMBER[1])
GUESSED_ADDRESS = "guessed.member@example.org"
# allauth allows 5 failed attempts per address in 300 s; with two workers counting apart while Redis
# is away, at most 10 get through before both refuse.
GUESSES = 14
TOO_MANY = "Too many tries to sign in"


def start_redis(workdir):
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(OWN_REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=OWN_REDIS_PORT)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process
        except redis.exceptions.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)


class Load:
    """Visitors asking for pages in a loop, every status kept."""

    def __init__(self, site, host):
        self.site, self.host = site, host
        self.statuses = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        visitor = Visitor(self.host)
        while not self.stopping.is_set():
            for path in VISITOR_PATHS:
                status, _headers, _body = visitor.get(self.site, path)
                self.statuses.append((path, status))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=60)


def test_redis_killed_under_requests_answers_no_5xx(processes, site_files):
    own_redis = start_redis(site_files)
    try:
        env = production_environment(
            site_files,
            site_url=f"http://127.0.0.1:{PORTS[4]}",
            CACHE_URL=f"redis://127.0.0.1:{OWN_REDIS_PORT}/0",
            # The counters too: both caches go when this Redis is killed.
            RATELIMIT_CACHE_URL=f"redis://127.0.0.1:{OWN_REDIS_PORT}/1",
        )
        site = processes.web("web-redis", PORTS[4], env)
        host = site.removeprefix("http://")
        visitor = Visitor(host)
        for path in VISITOR_PATHS:
            visitor.get(site, path)
        _status, headers, _body = visitor.get(site, "/stories/")
        assert headers["X-Cache"] == "hit"

        with Load(site, host) as load:
            time.sleep(1)
            own_redis.kill()
            own_redis.wait()
            down_at = time.monotonic()

            status, _headers, body = visitor.get(site, "/healthz")
            assert status == 200 and '"cache": "no answer"' in body

            # A member signs in and books a meeting while the cache is away.
            member = Visitor(host)
            member.sign_in(site, *OTHER_MEMBER)
            status, _headers, body = member.get(site, "/members/")
            assert status == 200
            meeting_path = query(
                "SELECT p.url_path FROM events_meetingpage m "
                "JOIN wagtailcore_page p ON p.id = m.page_ptr_id "
                "WHERE p.live AND m.starts_at > now() + interval '7 days' "
                "ORDER BY m.starts_at OFFSET 1 LIMIT 1"
            )
            status, _headers, _body = member.post(
                site, meeting_path.removeprefix("/home") + "book/", {}
            )
            assert status == 302
            assert (
                query(
                    "SELECT count(*) FROM events_booking b "
                    "JOIN membership_user u ON u.id = b.member_id WHERE u.email = %s",
                    OTHER_MEMBER[0],
                )
                >= 1
            )
            # Sign-in is still limited while the counters' Redis is away (each process counts in
            # its own memory meanwhile), and a guesser gets the limit's message, never a 5xx.
            guesser = Visitor(host)
            answers = [
                guesser.post(
                    site, "/accounts/login/", {"login": GUESSED_ADDRESS, "password": "guess"}
                )
                for _attempt in range(GUESSES)
            ]
            assert [status for status, _headers, _body in answers if status >= 500] == []
            limited = [body for _status, _headers, body in answers if TOO_MANY in body]
            assert limited, "no sign-in attempt was limited while Redis was down"
            time.sleep(max(0.0, 6 - (time.monotonic() - down_at)))
            during_outage = len(load.statuses)

            own_redis = start_redis(site_files)
            time.sleep(7)  # past the back-off

        statuses = load.statuses
        assert len(statuses) > during_outage > 10
        failures = [(path, status) for path, status in statuses if status >= 500]
        assert failures == [], processes.log("web-redis")[-3000:]

        # Back in use: stored again, then served from it.
        visitor.get(site, "/stories/")
        _status, headers, _body = visitor.get(site, "/stories/")
        assert headers["X-Cache"] == "hit"
        status, _headers, body = visitor.get(site, "/healthz")
        assert status == 200 and '"status": "ok"' in body

        log = processes.log("web-redis")
        assert "Traceback" not in log
        warnings = log.count("does not answer")
        assert 1 <= warnings <= 2, log[-3000:]
    finally:
        own_redis.kill()
        own_redis.wait()
