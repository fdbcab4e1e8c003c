"""The lock files pin every declared dependency, with hashes, at a version pyproject.toml allows.

``make lock`` rewrites them; this test fails when pyproject.toml changes without it.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.MULTILINE)


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("base.txt", PROJECT["dependencies"]),
        ("dev.txt", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
        ("native.txt", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["native"]),
    ],
)
def test_every_declared_dependency_is_pinned_within_its_range(lock, requirements):
    pins = _pins(lock)
    for line in requirements:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements/{lock}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} in requirements/{lock} is outside {requirement.specifier}"
        )


@pytest.mark.parametrize("lock", ["base.txt", "dev.txt", "native.txt"])
def test_every_pin_carries_a_hash(lock):
    text = (ROOT / "requirements" / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
    pinned = [entry for entry in entries if "==" in entry.split("\n", 1)[0]]
    assert pinned
    for entry in pinned:
        assert "--hash=sha256:" in entry, entry.split("\n", 1)[0]
