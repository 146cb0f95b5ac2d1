"""The pre-commit hook, run for real with ``pre-commit try-repo`` in a scratch repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_FILES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed by pre-commit")
def test_pre_commit_try_repo(tmp_path):
    repo = tmp_path / "publisher"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    (repo / "report.txt").write_bytes(SEED_FILES["chaiqiao"].read_bytes())
    (repo / "clean.md").write_text("# notes\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    result = subprocess.run([*pre_commit, "try-repo", str(ROOT), "reportlint", "--files", "report.txt"],
                            cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "RL200" in output and "Failed" in output
