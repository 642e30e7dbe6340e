"""scripts/supervise, which `make serve-production` runs each of its three processes under: a
process that dies (SIGKILL) is started again and the others are left alone; SIGTERM stops it all."""

import os
import signal
import subprocess
import time
from pathlib import Path

from django.conf import settings

REPOSITORY = Path(settings.BASE_DIR)


def children(pid):
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").glob("*")
        for child in (task / "children").read_text().split()
    ]


def the_child(supervisor, other_than=None, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        running = [
            pid
            for pid in children(supervisor.pid)
            if b"sleep\x00600" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        if running and running[0] != other_than:
            return running[0]
        time.sleep(0.1)
    raise AssertionError("the supervised process was not (re)started")


def test_a_process_that_dies_is_started_again_and_sigterm_stops_everything():
    supervisor = subprocess.Popen(
        [str(REPOSITORY / "scripts" / "supervise"), "sleeper", "sleep", "600"],
        env={**os.environ, "RESTART_SECONDS": "0.2"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = the_child(supervisor)
        os.kill(first, signal.SIGKILL)
        second = the_child(supervisor, other_than=first)
        assert second != first
        assert supervisor.poll() is None
    finally:
        supervisor.send_signal(signal.SIGTERM)
        _out, errors = supervisor.communicate(timeout=10)
    assert supervisor.returncode == 0
    assert "sleeper exited with status 137; starting it again" in errors
    assert not Path(f"/proc/{second}").exists()  # stopped and reaped, not left behind


def test_serve_production_runs_web_worker_and_scheduler_each_under_supervise():
    script = (REPOSITORY / "scripts" / "serve-production").read_text()
    for command in (
        "scripts/supervise web ",
        "scripts/supervise worker ",
        "scripts/supervise scheduler ",
    ):
        assert command in script
    assert "wait -n" not in script  # which stopped all three when the first one ended


def test_make_serve_production_installs_the_production_lock_file():
    result = subprocess.run(
        ["make", "-n", "-B", "serve-production"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    )
    installs = [line for line in result.stdout.splitlines() if "--require-hashes" in line]
    assert installs and all("-r requirements.lock" in line for line in installs), installs
