"""The locks install what pyproject.toml asks for, exactly, and this environment runs them.

A newcomer's `make run`, `make test` and CI install from requirements-dev.txt; production from
requirements.txt. These tests fail when pyproject.toml changes without `make lock`, when the
two locks drift apart, or when the running environment is not the locked one.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]+))?")


def _locked(filename: str) -> dict[str, str]:
    """Name → version of every pin that applies to this interpreter, and the hashes check."""
    pins, current, hashes = {}, None, {}
    for line in (ROOT / filename).read_text().splitlines():
        match = PIN.match(line)
        if match:
            marker = match["marker"]
            current = canonicalize_name(match["name"])
            hashes[current] = 0
            if marker and not Marker(marker.strip()).evaluate():
                current = None
                continue
            pins[current] = match["version"]
        elif "--hash=sha256:" in line and current:
            hashes[current] += 1
    unhashed = sorted(name for name, count in hashes.items() if name in pins and not count)
    assert not unhashed, f"{filename}: pins without a hash: {unhashed}"
    return pins


def _declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(text) for text in project["dependencies"]]
    development = [Requirement(text) for text in project["optional-dependencies"]["dev"]]
    return runtime, development


def _unsatisfied(requirements, pins) -> list[str]:
    problems = []
    for requirement in requirements:
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not locked")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    return problems


def test_the_development_lock_holds_every_declared_dependency_within_its_range():
    runtime, development = _declared()
    assert _unsatisfied([*runtime, *development], _locked("requirements-dev.txt")) == []


def test_the_production_lock_holds_the_runtime_dependencies_at_the_tested_versions():
    runtime, development = _declared()
    production, tested = _locked("requirements.txt"), _locked("requirements-dev.txt")
    assert _unsatisfied(runtime, production) == []
    differing = {
        name: (version, tested.get(name))
        for name, version in production.items()
        if tested.get(name) != version
    }
    assert differing == {}
    development_only = {canonicalize_name(requirement.name) for requirement in development}
    assert not development_only & production.keys()


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="runs inside the project's virtualenv")
def test_this_environment_runs_the_locked_versions():
    installed = {
        canonicalize_name(distribution.metadata["Name"]): distribution.version
        for distribution in metadata.distributions()
    }
    wrong = {
        name: (version, installed.get(name))
        for name, version in _locked("requirements-dev.txt").items()
        if installed.get(name) != version
    }
    assert wrong == {}, "run `make install` (or remove .venv) to install the lock"
