"""The rule pages in docs/rules are generated from the rules' metadata and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rule_docs_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/generate_rule_docs.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rule_page_has_both_examples():
    for page in (ROOT / "docs" / "rules").glob("RL*.md"):
        text = page.read_text(encoding="utf-8")
        assert "## Fails" in text and "## Passes" in text and "Why it matters" in text, page.name
