"""The layering holds (parser ← model ← rules ← engine ← reporters ← CLI), checked by
import-linter with the contracts in pyproject.toml; the wheel carries the grammar."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_layers():
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run([command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_engine_does_not_print_or_exit():
    for path in (ROOT / "src" / "reportlint").rglob("*.py"):
        if path.name in ("cli.py", "parse_view.py") or "reporting" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])print\(|\bsys\.exit\(", text), path


def test_the_wheel_ships_the_grammar_and_the_templates(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = tmp_path.glob("reportlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reportlint/grammars/report.lark" in names
    assert "reportlint/templates/specs/template-2019.yaml" in names
    assert "reportlint/templates/specs/template-2021.yaml" in names
