"""The command line, run as a user runs it: exit codes, formats, bad input, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_FILES


def run(*args, stdin: bytes | None = None, cwd=None, env=None):
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    process = subprocess.run(
        [sys.executable, "-m", "reportlint.cli", *map(str, args)],
        input=stdin, capture_output=True, cwd=cwd, env=environment, timeout=120,
    )
    return process.returncode, process.stdout.decode("utf-8"), process.stderr.decode("utf-8")


def test_findings_exit_1_with_locations_and_source_lines():
    code, out, err = run(SEED_FILES["chaiqiao"], "--preview")
    assert code == 1, err
    assert f"{SEED_FILES['chaiqiao']}:242:2: RL200" in out
    assert "^" in out and "共: 2 错误" in out
    assert "按规则" not in out  # one file: the totals line, no tables repeating what was listed
    assert "Traceback" not in out + err


def test_two_files_get_the_summary_tables():
    code, out, _ = run(SEED_FILES["chaiqiao"], SEED_FILES["kaixuan"])
    assert code == 1
    assert "按文件" in out and "按类别" in out and "按规则" in out and "2 个文件" in out


def test_exit_zero_fail_on_and_select():
    assert run(SEED_FILES["chaiqiao"], "--exit-zero")[0] == 0
    assert run(SEED_FILES["zhangjiashan"], "--fail-on", "error")[0] == 0  # only warnings there
    code, out, _ = run(SEED_FILES["chaiqiao"], "--select", "date,privacy", "--preview")
    assert code == 0 and "RL200" not in out
    code, out, _ = run(SEED_FILES["chaiqiao"], "--ignore", "likely-wrong-cell", "--format", "json", "--preview")
    assert {f["code"] for f in json.loads(out)["files"][0]["findings"]} == {"RL201", "RL202", "RL203"}


def test_english_messages():
    _, out, _ = run(SEED_FILES["shidong"], "--lang", "en", "--select", "RL601", "--preview")
    assert "A personal mobile number is published: 177****1193" in out


def test_json_shape():
    code, out, _ = run(SEED_FILES["chengyue"], "--format", "json")
    document = json.loads(out)
    assert document["version"] == 1
    (file,) = document["files"]
    assert (file["template"], file["year"]) == ("2019", 2020)
    finding = file["findings"][0]
    assert set(finding) == {"code", "rule", "category", "severity", "message", "line", "column", "end_line",
                            "end_column", "location", "evidence", "suggestion"}
    assert set(finding["location"]) == {"section", "table", "row", "column"}


def test_stdin_with_a_filename(seed_text):
    code, out, _ = run("-", "--stdin-filename", "澄月.txt", "--format", "json", stdin=SEED_FILES["chengyue"].read_bytes())
    assert code == 1
    assert json.loads(out)["files"][0]["path"] == "澄月.txt"


def test_gb18030_input_is_detected(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(SEED_FILES["zhangjiashan"].read_text(encoding="utf-8").encode("gb18030"))
    code, out, _ = run(path, "--select", "RL701", "--format", "json", "--preview")
    assert json.loads(out)["files"][0]["findings"][0]["code"] == "RL701"


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda tmp: tmp / "missing.txt", "文件不存在"),
        (lambda tmp: (tmp / "empty.txt").write_bytes(b"") and tmp / "empty.txt" or tmp / "empty.txt", "文件为空"),
        (lambda tmp: (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") and tmp / "image.txt", "binary"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_other_files_still_checked(tmp_path, make, message):
    bad = make(tmp_path)
    code, out, err = run(bad, SEED_FILES["chaiqiao"], "--preview")
    assert code == 2
    assert "Traceback" not in out + err
    lines = [line for line in out.splitlines() if str(bad) in line]
    assert len(lines) >= 1 and message in lines[0]
    assert "RL200" in out  # the good file was still checked


def test_folders_are_walked_and_excludes_apply(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "a.txt").write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    (tmp_path / "drafts" / "b.txt").write_bytes(SEED_FILES["shidong"].read_bytes())
    code, out, _ = run(tmp_path, "--format", "json", "--exclude", "drafts")
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["a.txt"]
    # pre-commit passes file names: --force-exclude makes excludes hold for them too.
    _, out, _ = run(tmp_path / "drafts" / "b.txt", "--format", "json", "--exclude", "drafts", "--force-exclude")
    assert json.loads(out)["files"] == []


def test_unknown_selector_and_format_are_usage_errors():
    code, _, err = run(SEED_FILES["chaiqiao"], "--select", "RL999")
    assert code == 2 and "RL999" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(SEED_FILES["chaiqiao"], "--format", "xml")
    assert code == 2 and "xml" in err
    code, _, err = run()
    assert code == 2 and "PATH" in err


def test_rules_and_rule_commands():
    code, out, _ = run("rules")
    assert code == 0 and "RL201" in out and "application-balance" in out
    code, out, _ = run("rule", "RL201")
    assert code == 0 and "本年新收" in out and "Fails" in out and "Passes" in out
    code, _, err = run("rule", "RL999")
    assert code == 2 and "RL999" in err
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("reportlint ") and "unknown" not in out


def test_parse_command_prints_the_bound_model():
    code, out, _ = run("parse", SEED_FILES["chaiqiao"], "--format", "json")
    model = json.loads(out)
    assert code == 0 and model["template"] == "2019" and model["year"] == 2020
    cells = {cell["key"]: cell for table in model["tables"] for cell in table["cells"]}
    cell = cells["applications/new/natural_person"]
    assert (cell["raw"], cell["value"], cell["unit"]) == ("2", 2, None)
    assert set(cell["span"]) == {"line", "column", "end_line", "end_column"}
    assert cells["proactive/art20_9.procurement/amount"]["unit"] == "万元"
    code, out, _ = run("parse", SEED_FILES["chaiqiao"])
    assert code == 0 and "applications" in out and "总体情况" in out


def test_the_checked_file_is_never_written(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(SEED_FILES["chengyue"].read_bytes())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run(path, "--format", "sarif")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
