"""`make run PORT=8110` serves on 8110, and every absolute link the site builds (mail, calendar
files, sitemap, feeds, exports, the PDF, the API) follows it: the Makefile hands the served address
to every command it runs as SITE_URL, unless SITE_URL is already set."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

FAKE_PYTHON = '#!/bin/sh\necho "SITE_URL=$SITE_URL $*"\n'

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def commands_make_runs(tmp_path, *arguments, **environment):
    """What `make <arguments>` would run, each line with the SITE_URL it would get: the
    interpreter is a stand-in that prints them, and installing is skipped (-o install)."""
    python = tmp_path / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if key not in {"SITE_URL", "MAKEFLAGS"}}
    result = subprocess.run(
        ["make", "-s", "-o", "install", f"BIN={tmp_path}", *arguments],
        cwd=Path(settings.BASE_DIR),
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    lines = commands_make_runs(tmp_path, "run", "PORT=8110")

    assert lines[-1] == "SITE_URL=http://127.0.0.1:8110 manage.py runserver 127.0.0.1:8110"
    # Loading the demo and naming Wagtail's site use the same address.
    assert "SITE_URL=http://127.0.0.1:8110 manage.py set_site_address" in lines
    assert all(line.startswith("SITE_URL=http://127.0.0.1:8110 ") for line in lines)


def test_serving_on_every_interface_links_to_this_machine(tmp_path):
    [line] = commands_make_runs(tmp_path, "serve", "HOST=0.0.0.0", "PORT=8111")
    assert line == "SITE_URL=http://127.0.0.1:8111 manage.py runserver 0.0.0.0:8111"


def test_an_address_set_in_the_environment_wins(tmp_path):
    [line] = commands_make_runs(tmp_path, "serve", SITE_URL="https://network.example.org")
    assert line.startswith("SITE_URL=https://network.example.org ")
