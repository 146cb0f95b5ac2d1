"""Entry points are remembered between runs, and asked for again when an install changes them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reportlint.engine import entry_points as module
from reportlint.engine.entry_points import installed_entry_points

GROUP = "reportlint-test"


def add_distribution(site, name, version, entries):
    folder = site / f"{name}-{version}.dist-info"
    folder.mkdir()
    (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = "".join(f"{entry} = {target}\n" for entry, target in entries.items())
    (folder / "entry_points.txt").write_text(f"[{GROUP}]\n{lines}", encoding="utf-8")
    return folder


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def names(found):
    return sorted((entry.name, entry.value, entry.dist_name, entry.dist_version) for entry in found)


def test_the_second_call_is_answered_from_the_cache(site, monkeypatch):
    add_distribution(site, "planted", "1.0", {"planted": "planted_module:plugin"})
    first = installed_entry_points(GROUP)
    assert names(first) == [("planted", "planted_module:plugin", "planted", "1.0")]

    def refuse(group):
        raise AssertionError("importlib.metadata was asked again")

    monkeypatch.setattr(module, "_scan", refuse)
    assert installed_entry_points(GROUP) == first


def test_an_install_an_upgrade_and_an_edit_are_each_seen(site):
    add_distribution(site, "planted", "1.0", {"planted": "planted_module:plugin"})
    installed_entry_points(GROUP)

    other = add_distribution(site, "other", "2.0", {"other": "other_module"})
    assert [entry.name for entry in sorted(installed_entry_points(GROUP))] == ["other", "planted"]

    other.rename(site / "other-2.1.dist-info")  # what an upgrade does to the folder's name
    (site / "other-2.1.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: other\nVersion: 2.1\n", encoding="utf-8")
    assert ("other", "other_module", "other", "2.1") in names(installed_entry_points(GROUP))

    points = site / "other-2.1.dist-info" / "entry_points.txt"
    points.write_text(f"[{GROUP}]\nrenamed = other_module\n", encoding="utf-8")
    stamp = points.stat().st_mtime_ns + 1_000_000_000  # an edit within the clock's resolution still shows
    os.utime(points, ns=(stamp, stamp))
    assert [entry.name for entry in sorted(installed_entry_points(GROUP))] == ["planted", "renamed"]


def test_a_damaged_cache_file_is_ignored(site, tmp_path):
    add_distribution(site, "planted", "1.0", {"planted": "planted_module:plugin"})
    installed_entry_points(GROUP)
    for cached in (tmp_path / "cache").glob("entry-points-*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert [entry.name for entry in installed_entry_points(GROUP)] == ["planted"]


def test_an_entry_point_loads_a_module_or_an_attribute(site):
    (site / "planted_module.py").write_text("class Holder:\n    value = 42\n", encoding="utf-8")
    add_distribution(site, "planted", "1.0", {"module": "planted_module", "attribute": "planted_module:Holder.value"})
    loaded = {entry.name: entry.load() for entry in installed_entry_points(GROUP)}
    assert loaded["module"].__name__ == "planted_module"
    assert loaded["attribute"] == 42


def test_a_repeated_run_does_not_import_package_metadata(tmp_path):
    """The point of the cache: a second run of the command line never loads importlib.metadata."""
    probe = (
        "import sys\nfrom reportlint.cli import main\n"
        "main(sys.argv[1:])\nprint('importlib.metadata' in sys.modules)\n"
    )
    report = tmp_path / "report.txt"
    report.write_text("2020年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    environment = {**os.environ, "NO_COLOR": "1", "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", probe, str(report), "--no-cache", "--format", "json"]
    runs = [subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120) for _ in range(2)]
    assert [run.stdout.strip().splitlines()[-1] for run in runs] == ["True", "False"]
