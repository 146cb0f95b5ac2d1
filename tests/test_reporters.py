"""Every reporter renders the same shared set of findings; the output is compared with a stored
snapshot (set REPORTLINT_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import jsonschema
import pytest

from reportlint.engine import get_registry
from reportlint.findings import FileResult, Finding, Location, Message, Severity
from reportlint.source import Span

SNAPSHOTS = Path(__file__).parent / "snapshots"
SCHEMA = Path(__file__).parent / "fixtures" / "schemas" / "sarif-2.1.0-rtm.5.json"

SOURCE = "标题\n\n一、总体情况\n\t0\t1\n手机：13800000000\n"


def shared_results() -> list[FileResult]:
    findings = [
        Finding("RL203", "applicant-row-total", "arithmetic", Severity.ERROR,
                Message("表三“（七）总计”行不满足等式：0 ≠ 1", "Table 3 row “total”: 0 ≠ 1"),
                Span(15, 16, 4, 4, 4, 5), Location("applications", "applications", "total", "total"),
                {"left": 0, "right": 1}, Message("将该单元格改为 1", "change this cell to 1"), "report.txt"),
        Finding("RL601", "personal-mobile-number", "privacy", Severity.WARNING,
                Message("公开了个人手机号码 138****0000", "A personal mobile number is published"),
                Span(21, 32, 5, 4, 5, 15), Location(), {"masked": "138****0000"}, None, "report.txt"),
        Finding("RL305", "missing-date", "date", Severity.INFO,
                Message("报告没有落款日期", "The report carries no date"), None, Location(), {}, None, "report.txt"),
    ]
    return [
        FileResult.from_findings("report.txt", findings, SOURCE, {"template": "2019", "year": 2020}),
        FileResult("broken.txt", error="文件为空 (empty file)"),
    ]


def render(name: str, lang: str = "zh") -> str:
    registry = get_registry()
    rules = {code: rule.info() for code, rule in registry.rules.items() if code in {"RL203", "RL601", "RL305"}}
    stream = io.StringIO()
    registry.reporters[name](stream, lang=lang, color=False, rules=rules, version="0.0.0").report(shared_results())
    return stream.getvalue()


@pytest.mark.parametrize("name, lang", [("text", "zh"), ("text", "en"), ("json", "zh"), ("sarif", "en"), ("github", "zh")])
def test_reporter_snapshot(name, lang, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    output = render(name, lang)
    snapshot = SNAPSHOTS / f"{name}-{lang}.snap"
    if os.environ.get("REPORTLINT_UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8")


def test_sarif_is_valid_against_the_schema():
    log = json.loads(render("sarif", "zh"))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["RL203", "RL305", "RL601"]
    assert all(rule["help"]["text"] for rule in rules)
    results = log["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_sarif_of_a_real_run_is_valid(seed_text):
    from reportlint.engine import Linter

    outcome = Linter().lint_text(seed_text("shidong"), "shidong.txt")
    registry = get_registry()
    stream = io.StringIO()
    registry.reporters["sarif"](stream, rules={c: r.info() for c, r in registry.rules.items()}).report(
        [FileResult.from_findings("shidong.txt", outcome.findings, outcome.report.source.original, {})])
    jsonschema.validate(json.loads(stream.getvalue()), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_github_annotations_escape_and_locate():
    lines = render("github").splitlines()
    assert lines[0].startswith("::error file=report.txt,line=4,col=4,endLine=4,endColumn=5,title=RL203 applicant-row-total::")
    assert lines[2].startswith("::notice file=report.txt,title=RL305 missing-date::")
    assert lines[3].startswith("::error file=broken.txt")


def test_coloured_text_says_the_same_as_plain_text():
    """With colour, rich styles the same pieces: stripping the escape codes gives the plain
    output back, and a path with brackets is printed as it is, not read as markup."""
    import re

    registry = get_registry()
    results = shared_results()
    results[1] = FileResult("[red]broken.txt", error="文件为空 (empty file)")
    outputs = {}
    for color in (False, True):
        stream = io.StringIO()
        registry.reporters["text"](stream, lang="zh", color=color, version="0.0.0").report(results)
        outputs[color] = stream.getvalue()
    assert "\x1b[" in outputs[True] and "\x1b[" not in outputs[False]
    assert re.sub(r"\x1b\[[0-9;]*m", "", outputs[True]) == outputs[False]
    assert "[red]broken.txt: 无法检查" in outputs[False]


def test_a_plain_run_of_one_file_does_not_load_rich(tmp_path):
    """The pre-commit case: output to a pipe, one file. rich draws colours and tables only."""
    import subprocess
    import sys

    probe = "import sys\nfrom reportlint.cli import main\nmain(sys.argv[1:])\nprint('rich.console' in sys.modules)\n"
    report = tmp_path / "report.txt"
    report.write_text(SOURCE, encoding="utf-8")
    environment = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    plain, coloured = (subprocess.run([sys.executable, "-c", probe, str(report), "--no-cache", "--preview", *extra],
                                      capture_output=True, text=True, env=environment, timeout=120).stdout
                       for extra in ([], ["--color", "always"]))
    assert "RL601" in plain and plain.strip().splitlines()[-1] == "False"
    assert coloured.strip().splitlines()[-1] == "True"


def _finding_with_related() -> Finding:
    from reportlint.findings import Related

    return Finding("RL801", "carry-over-mismatch", "consistency", Severity.WARNING,
                   Message("上年结转 3 与去年报告的结转下年度 2 不符", "carried over 3, last year carried forward 2"),
                   Span(15, 16, 4, 4, 4, 5), Location(), {}, None, "2022.txt",
                   related=(Related("2021.txt", Span(40, 41, 9, 2, 9, 3), Message("去年的结转下年度 2", "last year: 2")),))


def test_related_locations_reach_json_sarif_and_the_cache(tmp_path):
    from reportlint.engine.result_cache import _finding_from_json, _finding_to_json

    finding = _finding_with_related()
    data = finding.to_dict("zh")
    assert data["related"] == [{"path": "2021.txt", "line": 9, "column": 2, "end_line": 9, "end_column": 3,
                                "message": "去年的结转下年度 2"}]
    assert "related" not in shared_results()[0].findings[0].to_dict()
    assert _finding_from_json(json.loads(json.dumps(_finding_to_json(finding)))) == finding

    stream = io.StringIO()
    get_registry().reporters["sarif"](stream, lang="en", color=False, rules={}, version="0").report(
        [FileResult.from_findings("2022.txt", [finding], SOURCE, {})])
    log = json.loads(stream.getvalue())
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    related = log["runs"][0]["results"][0]["relatedLocations"]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "2021.txt"
    assert related[0]["physicalLocation"]["region"]["startLine"] == 9
    assert related[0]["message"]["text"] == "last year: 2"
