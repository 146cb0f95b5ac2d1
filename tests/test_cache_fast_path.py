"""A run whose every file is in the result cache is answered without loading the parser or the
rules — and must say exactly what the full run says, configuration errors included."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import SEED_FILES

# Runs the command line in-process and then reports which heavy modules the run imported.
PROBE = """
import json, sys
from reportlint.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
loaded = sorted(name for name in ("lark", "reportlint.parsing.parser", "reportlint.rules.plugin") if name in sys.modules)
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def probe(*args, cache_dir):
    environment = {**os.environ, "NO_COLOR": "1", "REPORTLINT_CACHE_DIR": str(cache_dir)}
    process = subprocess.run([sys.executable, "-c", PROBE, *map(str, args), "--preview"], capture_output=True,
                             env=environment, timeout=120)
    err = process.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    *messages, status = err.strip().splitlines()
    return json.loads(status), process.stdout.decode("utf-8"), messages


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("chaiqiao", "kaixuan"):
        (folder / f"{name}.txt").write_bytes(SEED_FILES[name].read_bytes())
    return folder


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_a_cached_run_says_what_the_full_run_said_without_loading_the_parser(reports, tmp_path, output_format):
    cache = tmp_path / "cache"
    first, first_out, _ = probe(reports, "--format", output_format, "--jobs", "1", cache_dir=cache)
    second, second_out, _ = probe(reports, "--format", output_format, "--jobs", "1", cache_dir=cache)
    assert first["code"] == second["code"] == 1
    assert "lark" in first["loaded"]
    assert second["loaded"] == []
    assert second_out == first_out and "RL200" in second_out


def test_a_changed_file_goes_through_the_full_run(reports, tmp_path):
    cache = tmp_path / "cache"
    probe(reports, "--jobs", "1", cache_dir=cache)
    report = reports / "chaiqiao.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\n附注：无。\n", encoding="utf-8")
    status, out, _ = probe(reports, "--jobs", "1", cache_dir=cache)
    assert "lark" in status["loaded"] and "RL200" in out


def test_configuration_is_still_checked_when_every_file_is_cached(reports, tmp_path):
    cache = tmp_path / "cache"
    probe(reports, "--jobs", "1", cache_dir=cache)
    status, _, messages = probe(reports, "--select", "RL999", cache_dir=cache)
    assert status == {"code": 2, "loaded": []}
    assert len(messages) == 1 and "RL999" in messages[0]
    status, _, messages = probe(reports, "--select", "RL2", cache_dir=cache)  # a category prefix is fine
    assert status["code"] == 1 and not messages


def test_another_configuration_is_not_answered_from_the_cache(reports, tmp_path):
    cache = tmp_path / "cache"
    probe(reports, "--jobs", "1", cache_dir=cache)
    status, out, _ = probe(reports, "--select", "RL101", "--format", "json", "--jobs", "1", cache_dir=cache)
    assert "lark" in status["loaded"]
    codes = {finding["code"] for entry in json.loads(out)["files"] for finding in entry["findings"]}
    assert codes <= {"RL101"}


def test_no_cache_never_takes_the_fast_path(reports, tmp_path):
    cache = tmp_path / "cache"
    probe(reports, "--jobs", "1", cache_dir=cache)
    status, _, _ = probe(reports, "--no-cache", "--jobs", "1", cache_dir=cache)
    assert "lark" in status["loaded"]


def test_the_fast_path_formats_are_the_registered_built_in_reporters(registry):
    from reportlint.cli import _CACHED_FORMATS

    for name, target in _CACHED_FORMATS.items():
        reporter = registry.reporters[name]
        assert f"{reporter.__module__}:{reporter.__qualname__}" == target


def test_a_format_taken_over_by_a_plugin_goes_through_the_full_run(reports, tmp_path):
    cache = tmp_path / "cache"
    probe(reports, "--jobs", "1", cache_dir=cache)
    (index,) = (cache / "rules").glob("*.json")
    from reportlint.cache import read_json, write_json

    data = read_json(str(index))
    assert data["reporters"]["text"] == "reportlint.reporting.terminal:TerminalReporter"
    data["reporters"]["text"] = "some_plugin.reporters:FancyReporter"  # what a plugin's index would say
    write_json(str(index), data)
    status, out, _ = probe(reports, "--jobs", "1", cache_dir=cache)
    assert "lark" in status["loaded"] and "RL200" in out
