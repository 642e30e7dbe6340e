"""The systemd units in deploy/systemd/ (the runbook's restart policy): each parses, restarts its
process whatever the reason it stopped, never gives up restarting, and runs a command that exists."""

import configparser
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"
PROCESSES = {
    "network-site-web.service": "gunicorn",
    "network-site-worker.service": "db_worker",
    "network-site-scheduler.service": "run_scheduled_work",
}


def read_unit(name):
    # systemd allows a key more than once (Environment=); configparser keeps the last one.
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read_string((UNITS / name).read_text())
    return unit


def test_there_is_a_unit_for_each_process_and_no_other():
    assert sorted(path.name for path in UNITS.glob("*.service")) == sorted(PROCESSES)


@pytest.mark.parametrize(("name", "process"), PROCESSES.items())
def test_each_unit_restarts_its_process_always_and_never_gives_up(name, process):
    unit = read_unit(name)
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    assert unit["Service"]["Restart"] == "always"
    assert int(unit["Service"]["RestartSec"]) > 0
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # keeps restarting through a long outage
    assert unit["Service"]["KillSignal"] == "SIGTERM"
    assert "EnvironmentFile" in unit["Service"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"

    command = shlex.split(unit["Service"]["ExecStart"])
    assert Path(command[0]).is_absolute()
    if process == "gunicorn":
        assert Path(command[0]).name == "gunicorn"
        assert command[-1] == "gunicorn.conf.py"
        assert (UNITS.parents[1] / "gunicorn.conf.py").exists()
    else:
        assert command[1:3] == ["manage.py", process]
        assert process in get_commands()


def test_the_worker_has_time_to_finish_its_task_before_it_is_killed():
    service = read_unit("network-site-worker.service")["Service"]
    assert int(service["TimeoutStopSec"]) >= 60
    assert service["KillMode"] == "mixed"  # SIGTERM to the worker, SIGKILL to all at the end
