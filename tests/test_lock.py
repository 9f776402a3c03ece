"""Installs are reproducible: every requirement is pinned in requirements.lock to one exact
version with its hashes, and nothing is installed from requirements.txt directly."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def names(text: str) -> set[str]:
    found = set()
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        match = re.match(r"^([A-Za-z0-9_.\-]+)", line)
        if match and not line.startswith("-"):
            found.add(re.sub(r"[-_.]+", "-", match[1]).lower())
    return found


def test_every_requirement_is_locked_to_one_version_with_hashes():
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {}
    for block in re.split(r"\n(?=\S)", lock):
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", block)
        if match:
            assert "--hash=sha256:" in block, match[1]
            pinned[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    missing = names((ROOT / "requirements.txt").read_text()) - set(pinned)
    assert not missing, f"не в requirements.lock: {sorted(missing)} — выполните make lock"


def test_installs_come_from_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "--require-hashes -r requirements.lock" in compose
    assert "-r requirements.txt" not in makefile + compose
