"""Hostile input: what an attacker or an unlucky user can hand reportlint. Each case, at a small
size, gets a result or one line naming the file and the problem, exit code 2, never a crash
(exit 3), a hang or a traceback; and the promises reportlint makes hold. Speed and memory on the
same cases at two sizes each are measured by benchmarks/run.py, not here."""

from __future__ import annotations

import json
import os
import pickle
import signal
import stat
import subprocess
import sys
import time

import pytest

import hostile_inputs as hostile
import reportlint
from conftest import SEED_FILES
from reportlint.engine.config import ConfigError, load_config
from reportlint.source import InputError
from test_cli import run

# Small limits, so each case reaches its limit at a size a test can afford.
SMALL_LIMITS = """limits:
  text-characters: 50000
  inflated-size-mb: 1
  pdf-pages: 3
"""


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / ".reportlint.yaml").write_text(SMALL_LIMITS, encoding="utf-8")
    builds = [
        hostile.prose_digits(2000), hostile.cell_digits(5000), hostile.applications_digits(2000),
        hostile.fullwidth_digits(2000), hostile.phone_like(2000), hostile.attachment_spaces(20000),
        hostile.repeated_seed(200_000), hostile.html_cdata(2000), hostile.html_end_tags(3000),
        hostile.html_nested(1000), hostile.docx_spaces(2 << 20), hostile.docx_empty_paragraphs(300_000),
        hostile.pdf_pages(5), hostile.pdf_flate_bomb(2 << 20), hostile.pdf_grid(20),
    ]
    for name, data in builds:
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    return folder


@pytest.fixture(scope="module")
def hostile_run(hostile_folder):
    code, out, err = run(hostile_folder, "--format", "json", "--no-cache", "--preview", "--jobs", "1")
    return code, {os.path.basename(entry["path"]): entry for entry in json.loads(out)["files"]}, err


def test_a_folder_of_hostile_inputs_gets_exit_2_and_a_result_for_every_file(hostile_run):
    code, files, err = hostile_run
    assert code == 2, err
    assert "Traceback" not in err
    assert len(files) == 19
    internal = {name: entry["error"] for name, entry in files.items() if entry["error"] and "内部错误" in entry["error"]}
    assert not internal


@pytest.mark.parametrize("name", ["prose-digits.txt", "applications.txt", "fullwidth.txt", "phone-like.txt",
                                  "attachment.txt"])
def test_long_runs_of_digits_and_spaces_are_read_as_reports(hostile_run, name):
    _, files, _ = hostile_run
    assert files[name]["error"] is None and files[name]["template"] is not None


def test_a_cell_of_thousands_of_digits_is_a_finding_not_a_crash(hostile_run):
    _, files, _ = hostile_run
    entry = files["cell-digits.txt"]
    assert entry["error"] is None
    assert any("7" * 50 in json.dumps(finding["evidence"]) or "非数字" in finding["message"] for finding in entry["findings"])


@pytest.mark.parametrize("name, reason", [
    ("repeated.txt", "文本过长"),  # over text-characters
    ("spaces.docx", "DOCX 内容过大"),  # declared inflated size over inflated-size-mb
    ("paragraphs.docx", "DOCX 元素过多"),  # 50,000 empty paragraphs
    ("pages.pdf", "PDF 页数过多"),
    ("bomb.pdf", "PDF 内容过大"),  # a Flate stream inflating past the limit
    ("fifo.txt", "不是普通文件"),
    ("zero.txt", "不是普通文件"),
    ("loop-a.txt", "符号链接循环"),
])
def test_each_limit_gives_one_line_naming_the_problem(hostile_run, name, reason):
    _, files, _ = hostile_run
    assert reason in files[name]["error"]


@pytest.mark.parametrize("name", ["cdata.html", "end-tags.html", "nested.html", "grid.pdf"])
def test_malformed_pages_and_grids_are_read_or_refused_cleanly(hostile_run, name):
    _, files, _ = hostile_run
    error = files[name]["error"]
    assert error is None or "内部错误" not in error


def test_a_dense_ruled_grid_is_refused_before_the_table_finder_runs(tmp_path):
    name, data = hostile.pdf_grid(110)
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match="表格线过多"):
        reportlint.lint_file(tmp_path / name)


def test_the_library_does_not_raise_recursion_error_on_deep_html(tmp_path):
    name, data = hostile.html_nested(3000)
    path = tmp_path / name
    path.write_bytes(data)
    try:
        reportlint.lint_file(path)
    except InputError:
        pass  # not a report: fine; a RecursionError is not


def test_a_fifo_named_on_the_command_line_does_not_hang_the_next_file(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    code, out, err = run(fifo, SEED_FILES["chaiqiao"], "--no-cache", "--preview")
    assert code == 2 and "不是普通文件" in out and "RL200" in out


def test_standard_input_is_read_within_the_size_limit(tmp_path):
    config = tmp_path / "limits.yaml"
    config.write_text("limits: {file-size-mb: 1}\n", encoding="utf-8")
    with open("/dev/zero", "rb") as zero:
        process = subprocess.run([sys.executable, "-m", "reportlint.cli", "-", "--config", str(config), "--format", "json"],
                                 stdin=zero, capture_output=True, timeout=120)
    assert process.returncode == 2
    (entry,) = json.loads(process.stdout)["files"]
    assert "输入过大" in entry["error"]


def test_a_symlink_loop_and_a_broken_link_are_not_called_missing(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "nowhere.txt")
    code, out, _ = run(tmp_path / "a.txt", tmp_path / "c.txt", tmp_path / "d.txt", "--no-cache", "--preview")
    assert code == 2
    assert "符号链接循环" in out and "符号链接指向的文件不存在" in out and "文件不存在 (no such file)" in out


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch, capsys):
    from reportlint import cli

    (tmp_path / "locked").mkdir()
    (tmp_path / "report.txt").write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):  # as a folder of another user, even for root
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code = cli.main([str(tmp_path), "--no-cache", "--preview", "--format", "json"])
    files = json.loads(capsys.readouterr().out)["files"]
    assert code == 2
    assert any(entry["path"].endswith("locked") and "无法读取文件夹" in entry["error"] for entry in files)
    assert any(entry["path"].endswith("report.txt") and entry["findings"] for entry in files)


def test_output_path_that_is_an_input_is_refused_and_the_input_kept(tmp_path):
    report = tmp_path / "v.txt"
    report.write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    link = tmp_path / "link.txt"
    link.symlink_to(report)
    for output in (report, link):
        code, _, err = run(report, "-o", output, "--no-cache", "--preview")
        assert code == 2 and "输出文件是被检查的文件之一" in err
    assert report.read_bytes() == SEED_FILES["chaiqiao"].read_bytes()


def test_escape_sequences_in_names_and_text_are_shown_not_obeyed(tmp_path):
    text = SEED_FILES["chaiqiao"].read_text(encoding="utf-8").replace("0", "0\x1b]0;pwned\x07", 1)
    text = text.replace("\t1.本机关不掌握相关政府信息", "\t1.本机关不掌握相关政府信息\x1b[2J", 1)
    report = tmp_path / "a\x1b[2Jb\nc.txt"
    report.write_text(text, encoding="utf-8")
    for colour in ("never", "always"):
        code, out, _ = run(report, "--no-cache", "--preview", "--color", colour)
        assert code == 1
        assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out
        location = next(line for line in out.splitlines() if "RL200" in line)
        assert "a␛[2Jb␊c.txt:" in location  # one line, the name visible


def test_spans_on_crlf_files_stay_on_their_line(tmp_path):
    crlf = SEED_FILES["chaiqiao"].read_text(encoding="utf-8").replace("\n", "\r\n")
    lf_findings = reportlint.lint_text(crlf.replace("\r\n", "\n"))
    findings = reportlint.lint_text(crlf)
    lines = crlf.split("\r\n")
    assert [(f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in findings] == \
           [(f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in lf_findings]
    for finding in findings:
        span = finding.span
        assert "\r" not in crlf[span.start : span.end]
        assert span.end_column <= len(lines[span.end_line - 1]) + 1


def test_spans_never_end_past_the_text():
    text = "某街道2021年政府信息公开工作年度报告\r\n一、总体情况\r\n无"
    for finding in reportlint.lint_text(text):
        assert finding.span is None or finding.span.end <= len(text)


# -- configuration ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, problem", [
    (".reportlint.yaml", hostile.yaml_alias_mapping(), "别名展开过大"),
    (".reportlint.yaml", hostile.yaml_alias_list(), "别名展开过大"),
    (".reportlint.yaml", "a: &a [*a]\n", "别名引用自身"),
    (".reportlint.yaml", hostile.yaml_nested(1000), "嵌套过深"),
    ("pyproject.toml", hostile.toml_nested(1000), "嵌套过深"),
    (".reportlint.yaml", hostile.yaml_big_integer(100_000), "无法读取的值"),
    ("pyproject.toml", hostile.toml_big_integer(100_000), "无法读取的值"),
    (".reportlint.yaml", "limits: {seconds: 5}\n", "未知的限制"),
    (".reportlint.yaml", "limits: {pdf-pages: -1}\n", "应为正数"),
])
def test_hostile_configuration_is_one_config_error(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):
        load_config(path)


def test_an_alias_bomb_found_in_the_folder_tree_is_exit_2(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text(hostile.yaml_alias_list(40), encoding="utf-8")
    report = tmp_path / "dept" / "r.txt"
    report.parent.mkdir()
    report.write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    code, _, err = run(report, "--no-cache", "--preview")
    assert code == 2 and "别名" in err and len(err.strip().splitlines()) == 1


def test_limits_are_read_from_the_configuration(tmp_path):
    path = tmp_path / ".reportlint.yaml"
    path.write_text("limits: {seconds-per-file: 2.5, memory-per-file-mb: 300, pdf-pages: 10}\n", encoding="utf-8")
    limits = load_config(path).limits
    assert (limits.seconds, limits.memory_bytes, limits.pdf_pages) == (2.5, 300 * 1024 * 1024, 10)


# -- a batch that cannot be taken down -------------------------------------------------------------

def test_a_file_over_its_time_limit_is_reported_and_the_rest_completes(tmp_path):
    # 40 pages take over a second to read; a seed, a few hundredths: a wide margin on a busy machine.
    (tmp_path / ".reportlint.yaml").write_text("limits: {seconds-per-file: 0.5}\n", encoding="utf-8")
    slow = hostile.pdf_pages(40)
    (tmp_path / slow[0]).write_bytes(slow[1])
    (tmp_path / "report.txt").write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    code, out, _ = run(tmp_path, "--no-cache", "--preview", "--format", "json")
    files = {os.path.basename(entry["path"]): entry for entry in json.loads(out)["files"]}
    assert code == 2
    assert "超时" in files["pages.pdf"]["error"]
    assert files["report.txt"]["findings"]


def test_a_file_over_its_memory_limit_is_reported(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("limits: {memory-per-file-mb: 10}\n", encoding="utf-8")
    name, data = hostile.repeated_seed(1 << 20)
    (tmp_path / name).write_bytes(data)
    code, out, _ = run(tmp_path / name, "--no-cache", "--preview", "--format", "json")
    assert code == 2 and "内存超限" in json.loads(out)["files"][0]["error"]


def test_a_worker_that_dies_costs_one_file_only(tmp_path, monkeypatch):
    from reportlint.engine import batch
    from reportlint.engine.config import Config

    paths = []
    for index in range(20):
        path = tmp_path / f"{index:02d}.txt"
        path.write_bytes(SEED_FILES["chaiqiao"].read_bytes())
        paths.append(path)
    real_check = batch.check_file

    def check_or_die(task):
        if task.path.endswith("07.txt"):
            os._exit(9)  # as a crash in a native library would end the process
        return real_check(task)

    monkeypatch.setattr(batch, "check_file", check_or_die)  # the forked workers inherit it
    results = list(batch.check_files([batch.Task(str(path), Config(preview=True), None, False) for path in paths], jobs=2))
    assert [result.path for result in results] == [str(path) for path in paths]
    assert "exit code 9" in results[7].error
    assert all(result.findings for index, result in enumerate(results) if index != 7)


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as file:
            return {int(child) for child in file.read().split()}
    except OSError:
        return set()


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads worker processes from /proc")
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 128 + signal.SIGINT)])
def test_a_signal_stops_the_workers_and_leaves_a_valid_document(tmp_path, signum, code):
    for index in range(400):
        (tmp_path / f"{index:03d}.txt").write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    output = tmp_path / "out.json"
    process = subprocess.Popen([sys.executable, "-m", "reportlint.cli", str(tmp_path), "--no-cache", "--jobs", "2",
                                "--format", "json", "-o", str(output)], env={**os.environ, "NO_PROGRESS": "1"},
                               stderr=subprocess.PIPE)
    workers: set[int] = set()
    for _ in range(600):  # wait for the workers to be started (not a timing assertion)
        workers = _children(process.pid)
        if len(workers) >= 2 and output.exists() and output.stat().st_size > 1000:
            break
        time.sleep(0.05)
    assert len(workers) >= 2
    process.send_signal(signum)
    assert process.wait(timeout=60) == code
    for worker in workers:
        assert not os.path.exists(f"/proc/{worker}") or open(f"/proc/{worker}/stat").read().split()[2] == "Z"
    document = json.loads(output.read_text(encoding="utf-8"))
    assert 0 < len(document["files"]) <= 400


# -- caches -------------------------------------------------------------------------------------------

def test_a_planted_grammar_cache_runs_no_code_and_is_rebuilt(tmp_path):
    from reportlint.cache import write_json

    cache = tmp_path / "cache"
    env = {"REPORTLINT_CACHE_DIR": str(cache)}
    run(SEED_FILES["chaiqiao"], "--no-cache", "--preview", env=env)
    marker = tmp_path / "pwned"
    (grammar,) = cache.glob("grammar-*.json")

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    pickled = grammar.with_suffix(".cache")  # where lark's own pickle cache used to be
    pickled.write_bytes(pickle.dumps(Payload()))
    write_json(str(grammar), {"c": "os.system"})  # a well-formed cache file naming a class
    code, out, _ = run(SEED_FILES["chaiqiao"], "--no-cache", "--preview", env=env)
    assert code == 1 and "RL200" in out
    assert not marker.exists()


def test_cache_folders_are_private_at_every_level(tmp_path):
    cache = tmp_path / "new" / "cache"
    run(SEED_FILES["chaiqiao"], env={"REPORTLINT_CACHE_DIR": str(cache)})
    for folder in (cache, *[path for path in cache.rglob("*") if path.is_dir()]):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_foreign_json_template_cache_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    env = {"REPORTLINT_CACHE_DIR": str(cache)}
    run(SEED_FILES["chaiqiao"], "--no-cache", "--preview", env=env)
    copies = list((cache / "templates").glob("*.json"))
    assert copies
    for copy in copies:
        copy.write_text("{}", encoding="utf-8")
    code, out, err = run(SEED_FILES["chaiqiao"], "--no-cache", "--preview", env=env)
    assert code == 1 and "RL200" in out, err


def test_editing_a_plugin_without_a_version_bump_is_a_cache_miss(tmp_path):
    from test_plugins import EXAMPLE, with_path

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=600)
    env = {**with_path(site), "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    report = tmp_path / "r.txt"
    report.write_text("某局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n" + "内容" * 600 + "\n", encoding="utf-8")

    def evidence():
        _, out, _ = run(report, "--format", "json", "--extend-select", "EX101", env=env)
        return next(f for f in json.loads(out)["files"][0]["findings"] if f["code"] == "EX101")["evidence"]

    assert evidence()["limit"] == 1000
    (module,) = [path for path in site.rglob("*.py") if "1000" in path.read_text(encoding="utf-8")]
    module.write_text(module.read_text(encoding="utf-8").replace("1000", "900"), encoding="utf-8")
    assert evidence()["limit"] == 900


def test_damaged_pdf_warnings_do_not_reach_the_terminal(tmp_path):
    from conftest import FIXTURES

    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes((FIXTURES / "corpus" / "hongze-2023.pdf").read_bytes().replace(b" R", b" X"))
    code, out, err = run(damaged, "--no-cache", "--preview")
    assert code == 2 and err.strip() == "" and len(out.strip().splitlines()) <= 3
