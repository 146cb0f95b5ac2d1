"""Many files at once: worker processes, stable order, the result cache, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import sys

import pytest

from conftest import SEED_FILES
from test_cli import run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """40 reports: the seeds, each with a different agency name and a few numbers changed."""
    folder = tmp_path_factory.mktemp("corpus")
    for index in range(40):
        name, path = list(SEED_FILES.items())[index % len(SEED_FILES)]
        text = path.read_text(encoding="utf-8").replace("街道", f"第{index}街道", 1)
        (folder / f"{index:03d}-{name}.txt").write_text(text, encoding="utf-8")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "ignored.txt").write_text("not a report", encoding="utf-8")
    return folder


def batch(folder, *args, cache_dir):
    code, out, err = run(folder, "--format", "json", "--exclude", "drafts/", "--preview", *args,
                         env={"REPORTLINT_CACHE_DIR": str(cache_dir)})
    assert "Traceback" not in err, err
    return code, json.loads(out)["files"]


def test_same_findings_in_the_same_order_with_one_or_two_jobs(corpus, tmp_path):
    code_one, one = batch(corpus, "--jobs", "1", "--no-cache", cache_dir=tmp_path)
    code_two, two = batch(corpus, "--jobs", "2", "--no-cache", cache_dir=tmp_path)
    assert code_one == code_two == 1
    assert len(one) == 40 and [f["path"] for f in one] == sorted(f["path"] for f in one)
    assert one == two


def test_the_result_cache_gives_the_same_answer_and_follows_the_configuration(corpus, tmp_path):
    cache = tmp_path / "cache"
    _, first = batch(corpus, "--jobs", "1", cache_dir=cache)
    entries = list((cache / "results").rglob("*.json"))
    assert len(entries) == 40
    _, second = batch(corpus, "--jobs", "1", cache_dir=cache)
    assert second == first
    assert len(list((cache / "results").rglob("*.json"))) == 40  # nothing new: every file was a hit
    _, narrowed = batch(corpus, "--jobs", "1", "--select", "RL200", cache_dir=cache)
    assert {f["code"] for file in narrowed for f in file["findings"]} == {"RL200"}
    assert len(list((cache / "results").rglob("*.json"))) == 80  # another configuration, other entries


def test_a_damaged_cache_entry_is_ignored(corpus, tmp_path):
    cache = tmp_path / "cache"
    _, first = batch(corpus, "--jobs", "1", cache_dir=cache)
    for entry in (cache / "results").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    _, again = batch(corpus, "--jobs", "1", cache_dir=cache)
    assert again == first


def test_gitignore_style_excludes(corpus, tmp_path):
    _, files = batch(corpus, "--no-cache", "--exclude", "*-chaiqiao.txt", "--exclude", "!004-chaiqiao.txt",
                     cache_dir=tmp_path)
    names = [os.path.basename(f["path"]) for f in files]
    assert "004-chaiqiao.txt" in names and "009-chaiqiao.txt" not in names
    assert not any("drafts" in f["path"] for f in files)


def test_progress_bar_and_summary_on_a_terminal(corpus, tmp_path):
    pid, fd = pty.fork()
    if pid == 0:  # the child runs reportlint on a pseudo-terminal
        os.environ.pop("NO_COLOR", None)
        os.environ["REPORTLINT_CACHE_DIR"] = str(tmp_path)
        os.environ["COLUMNS"] = "120"
        os.execv(sys.executable, [sys.executable, "-m", "reportlint.cli", str(corpus), "--exclude", "drafts/", "--jobs", "2"])
    output = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 1
    assert "/40" in text  # the progress bar counted the files
    assert "问题最多的 10 个文件" in text and "按类别" in text and "40 个文件" in text


def test_no_cache_neither_reads_nor_writes(corpus, tmp_path):
    cache = tmp_path / "cache"
    batch(corpus, "--jobs", "1", "--no-cache", cache_dir=cache)
    assert not list((cache / "results").rglob("*.json"))
