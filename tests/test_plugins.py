"""Plugins: the example third-party package installs and runs; a broken one is reported by
name while the run goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_FILES
from test_cli import run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "reportlint-example-plugin"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(EXAMPLE)],
        check=True, capture_output=True, timeout=600,
    )
    return target


def with_path(path) -> dict:
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(path), os.environ.get("PYTHONPATH", "")]))}


def test_installed_plugin_registers_but_does_not_enable_its_rule(plugin_path, tmp_path):
    env = with_path(plugin_path)
    code, out, _ = run("rules", env=env)
    line = next(line for line in out.splitlines() if line.startswith("EX101"))
    assert "opt-in" in line
    report = tmp_path / "r.txt"
    report.write_text("某局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n" + "内容" * 600 + "\n", encoding="utf-8")
    _, out, _ = run(report, "--format", "json", env=env)
    assert "EX101" not in {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    _, out, _ = run(report, "--format", "json", "--extend-select", "EX101", env=env)
    finding = next(f for f in json.loads(out)["files"][0]["findings"] if f["code"] == "EX101")
    assert finding["evidence"] == {"characters": 1200, "limit": 1000}


def test_plugin_reporter_is_a_format(plugin_path):
    code, out, _ = run(SEED_FILES["chaiqiao"], "--format", "counts", "--preview", env=with_path(plugin_path))
    assert code == 1 and out.strip().endswith("RL200=2")


def test_plugin_rule_examples(plugin_path):
    from reportlint.engine import Config, Linter
    from reportlint.engine.plugins import build_registry

    sys.path.insert(0, str(plugin_path))
    try:
        registry = build_registry()
        rule = registry.rules["EX101"]
        linter = Linter(Config(select=["EX101"]), registry)
        assert [f.code for f in linter.lint_text(rule.bad_example).findings] == ["EX101"]
        assert not linter.lint_text(rule.good_example).findings
    finally:
        sys.path.remove(str(plugin_path))


def test_a_broken_plugin_is_named_and_the_run_goes_on(tmp_path):
    info = tmp_path / "broken_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[reportlint]\nbroken = broken_plugin_module\n")
    (tmp_path / "broken_plugin_module.py").write_text("raise RuntimeError('this plugin is broken')\n")
    code, out, err = run(SEED_FILES["chaiqiao"], "--preview", env=with_path(tmp_path))
    assert code == 1 and "RL200" in out
    assert "broken" in err and "this plugin is broken" in err and "Traceback" not in err


def test_plugin_cross_report_rule(plugin_path, tmp_path):
    """A third-party package adds a rule comparing a report with last year's through the
    reportlint_cross_rules hook: listed, opt-in, its examples behave, and it reports in the
    later report with the earlier one as its related location."""
    from reportlint.engine import Config, Linter
    from reportlint.engine.pairing import check_texts
    from reportlint.engine.plugins import build_registry
    from reportlint.rules.cross import example_reports

    env = with_path(plugin_path)
    _, out, _ = run("rules", env=env)
    assert "opt-in" in next(line for line in out.splitlines() if line.startswith("EX201"))
    sys.path.insert(0, str(plugin_path))
    try:
        registry = build_registry()
        assert "EX201" in registry.cross_rules and not registry.errors
        rule = registry.rules["EX201"]
        linter = Linter(Config(select=["EX201"]), registry)
        bad = [f.code for r in check_texts(example_reports(rule.bad_example), linter=linter) for f in r.findings]
        assert bad == ["EX201"]
        assert not [f for r in check_texts(example_reports(rule.good_example), linter=linter) for f in r.findings]
        for name, text in example_reports(rule.bad_example):
            (tmp_path / name).write_text(text, encoding="utf-8")
    finally:
        sys.path.remove(str(plugin_path))
    _, out, _ = run(tmp_path / "2023.txt", "--previous", tmp_path / "2022.txt", "--select", "EX201", "--format", "json",
                    "--no-cache", env=env)
    (entry,) = json.loads(out)["files"]
    (finding,) = entry["findings"]
    assert finding["code"] == "EX201" and finding["evidence"] == {"now": 12, "before": 80}
    assert finding["related"][0]["path"].endswith("2022.txt") and entry["previous"].endswith("2022.txt")
