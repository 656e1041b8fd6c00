"""The systemd units in deploy/: systemd's own checker accepts them, and they start the three
processes the README's deployment section lists, with the commands it gives.

`systemd-analyze verify` insists that ExecStart's program exists, so it reads copies in which
production's /srv/portal/app is this checkout (whose .venv holds gunicorn and Python)."""

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.deploy.nginx import DEPLOY, ROOT

SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
PRODUCTION_ROOT = "/srv/portal/app"
# The README's process list: unit, program, and the arguments it starts with.
PROCESSES = {
    "portal-web.service": (".venv/bin/gunicorn", ["portal.wsgi:application"]),
    "portal-worker.service": (".venv/bin/python", ["manage.py", "db_worker"]),
    "portal-scheduler.service": (".venv/bin/python", ["manage.py", "run_scheduler"]),
}


def _units() -> list[Path]:
    return sorted(DEPLOY.glob("*.service"))


def _runnable_copies(directory: Path, units: list[Path]) -> list[Path]:
    copies = []
    for unit in units:
        text = unit.read_text()
        assert PRODUCTION_ROOT in text, unit.name
        copy = directory / unit.name
        copy.write_text(text.replace(PRODUCTION_ROOT, str(ROOT)))
        copies.append(copy)
    return copies


def _verify(units: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "--man=no", *map(str, units)],
        capture_output=True,
        text=True,
        cwd=units[0].parent,
    )


def _service_section(unit: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # keys are case-sensitive in systemd
    # A backslash at the end of a line continues it, as in systemd.
    parser.read_string(re.sub(r"\\\n\s*", " ", unit.read_text()))
    return parser["Service"]


def test_deploy_holds_the_three_units_the_readme_lists():
    assert [unit.name for unit in _units()] == sorted(PROCESSES)
    readme = (ROOT / "README.md").read_text()
    for name in PROCESSES:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(PROCESSES))
def test_each_unit_starts_the_process_the_readme_names(name):
    service = _service_section(DEPLOY / name)
    program, arguments = PROCESSES[name]
    command = shlex.split(service["ExecStart"])
    assert command[0] == f"{PRODUCTION_ROOT}/{program}"
    assert command[1 : 1 + len(arguments)] == arguments
    assert service["WorkingDirectory"] == PRODUCTION_ROOT
    assert service["EnvironmentFile"] == "/etc/portal/portal.env"
    assert service["User"] == "portal"
    assert service["Restart"] in {"always", "on-failure"}


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="needs systemd-analyze (package systemd)")
def test_systemd_analyze_verifies_the_units(tmp_path):
    checked = _verify(_runnable_copies(tmp_path, _units()))
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == "", checked.stderr


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="needs systemd-analyze (package systemd)")
def test_systemd_analyze_refuses_a_unit_whose_program_is_missing(tmp_path):
    (unit,) = _runnable_copies(tmp_path, [DEPLOY / "portal-worker.service"])
    unit.write_text(unit.read_text().replace(".venv/bin/python", ".venv/bin/no-such-python"))
    checked = _verify([unit])
    assert checked.returncode != 0
    assert "no-such-python" in checked.stderr
