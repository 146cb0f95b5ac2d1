"""Configuration files: discovery, inheritance, validation with file, key and line."""

from __future__ import annotations

import json

import pytest

from conftest import SEED_FILES
from reportlint.engine import ConfigError, Linter, find_config, load_config
from reportlint.findings import Severity
from test_cli import run


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_for(path) -> set[str]:
    _, out, err = run(path, "--format", "json", "--preview")
    assert "Traceback" not in err, err
    return {f["code"] for f in json.loads(out)["files"][0]["findings"]}


def test_closest_configuration_wins(tmp_path):
    write(tmp_path / ".reportlint.yaml", "select: [privacy]\n")
    write(tmp_path / "dept" / ".reportlint.yaml", "select: [date]\n")
    write(tmp_path / "a.txt", SEED_FILES["shidong"].read_text(encoding="utf-8"))
    write(tmp_path / "dept" / "b.txt", SEED_FILES["shidong"].read_text(encoding="utf-8"))
    assert codes_for(tmp_path / "a.txt") == {"RL601"}
    assert codes_for(tmp_path / "dept" / "b.txt") == {"RL303"}
    assert find_config(tmp_path / "dept" / "b.txt") == (tmp_path / "dept" / ".reportlint.yaml")


def test_extend_inherits_and_overrides(tmp_path):
    write(tmp_path / "base.yaml", "select: [privacy, date]\nlang: en\nseverity: {RL303: warning}\n")
    config = load_config(write(tmp_path / ".reportlint.yaml", "extend: base.yaml\nignore: [RL601]\n"))
    assert config.select == ["privacy", "date"] and config.ignore == ["RL601"]
    assert config.lang == "en" and config.severity["RL303"] is Severity.WARNING


def test_pyproject_section(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.reportlint]\nselect = ["hygiene"]\nfail-on = "error"\n')
    write(tmp_path / "r.txt", SEED_FILES["zhangjiashan"].read_text(encoding="utf-8"))
    code, out, _ = run(tmp_path / "r.txt", "--format", "json", "--preview")
    assert {f["code"] for f in json.loads(out)["files"][0]["findings"]} == {"RL701"}
    assert code == 0  # a warning, below fail-on = error


@pytest.mark.parametrize(
    "text, where, what",
    [
        ("select: [date]\nsevrity: {RL303: info}\n", ":2: sevrity", "unknown key"),
        ("select: date\n", ":1: select", "list of strings"),
        ("severity:\n  RL303: fatal\n", ":2: severity.RL303", "unknown severity"),
        ("rules:\n  RL304:\n    agency_type: county\n", ":3: rules.RL304.agency-type", "unknown option"),
        ("select: [RL9]\n", ":1: select", "no rule matches"),
        ("select: [date\n", ":2", "invalid YAML"),
    ],
)
def test_configuration_errors_name_file_key_and_line(tmp_path, text, where, what):
    config_file = write(tmp_path / ".reportlint.yaml", text)
    write(tmp_path / "r.txt", SEED_FILES["zhangjiashan"].read_text(encoding="utf-8"))
    code, _, err = run(tmp_path / "r.txt")
    assert code == 2
    assert f"{config_file}{where}" in err and what in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_toml_errors_have_lines_too(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.reportlint]\nselect = ["date"]\nunknown-key = 1\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:3: unknown-key"):
        load_config(path)


def test_per_file_ignores_and_severity_and_rule_options(tmp_path):
    write(tmp_path / ".reportlint.yaml", (
        "per-file-ignores:\n  'drafts/*.txt': [RL305]\n"
        "severity:\n  missing-date: error\n"
        "rules:\n  past-deadline:\n    agency-kind: county\n"
    ))
    text = SEED_FILES["zhangjiashan"].read_text(encoding="utf-8")
    write(tmp_path / "drafts" / "a.txt", text)
    write(tmp_path / "final" / "a.txt", text)
    assert "RL305" not in codes_for(tmp_path / "drafts" / "a.txt")
    _, out, _ = run(tmp_path / "final" / "a.txt", "--format", "json")
    missing = [f for f in json.loads(out)["files"][0]["findings"] if f["code"] == "RL305"]
    assert missing and missing[0]["severity"] == "error"
    # 澄月 dated 2021-02-04: late for a 街道 (01-31), on time as a county summary (02-20).
    write(tmp_path / "final" / "c.txt", SEED_FILES["chengyue"].read_text(encoding="utf-8"))
    assert "RL304" not in codes_for(tmp_path / "final" / "c.txt")


def test_isolated_ignores_configuration(tmp_path):
    write(tmp_path / ".reportlint.yaml", "select: [privacy]\n")
    write(tmp_path / "a.txt", SEED_FILES["shidong"].read_text(encoding="utf-8"))
    _, out, _ = run(tmp_path / "a.txt", "--isolated", "--format", "json")
    assert len({f["code"] for f in json.loads(out)["files"][0]["findings"]}) > 1


def test_selection_semantics(registry):
    from reportlint.engine import Config

    linter = Linter(Config(select=["RL2"], ignore=["RL205"], extend_select=["missing-date"], preview=True), registry)
    chosen = {rule.code for rule in linter.rules}
    assert "RL201" in chosen and "RL205" not in chosen and "RL305" in chosen and "RL601" not in chosen
