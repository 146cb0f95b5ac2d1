"""Write docs/rules/<CODE>.md and docs/rules/README.md from the rules' own metadata.

    python scripts/generate_rule_docs.py          # rewrite the pages
    python scripts/generate_rule_docs.py --check  # exit 1 if a page is out of date (used by tests)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reportlint.cli import rule_docs_markdown
from reportlint.engine.plugins import build_registry

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"
PRECISION = DOCS / "precision.json"  # written by benchmarks/precision.py --write


def pages() -> dict[Path, str]:
    registry = build_registry(autoload=False)  # built-in rules only
    rules = list(registry.rules.values())
    figures = json.loads(PRECISION.read_text(encoding="utf-8"))["rules"] if PRECISION.exists() else {}
    index = ["# Rules", "", "Generated from the rules' metadata by `scripts/generate_rule_docs.py`; do not edit. "
             "Precision is measured on the real corpus (`python benchmarks/precision.py`, see [../precision.md](../precision.md)).", "",
             "| code | name | category | severity | status | true / raised | summary |", "|---|---|---|---|---|---|---|"]
    for r in rules:
        measured = figures.get(r.code, {"raised": 0, "true": 0})
        status = "preview" if r.preview else "default" if r.default else "opt-in"
        index.append(f"| [{r.code}]({r.code}.md) | {r.name} | {r.category} | {r.severity.value} | {status} | "
                     f"{measured['true']} / {measured['raised']} | {r.summary.zh} — {r.summary.en} |")
    out = {DOCS / "README.md": "\n".join(index) + "\n"}
    for rule in rules:
        out[DOCS / f"{rule.code}.md"] = rule_docs_markdown(
            rule, measured=figures.get(rule.code, {"raised": 0, "true": 0, "missed": 0, "precision": None}))
    return out


def main(argv: list[str]) -> int:
    expected = pages()
    if "--check" in argv:
        stale = [str(path.name) for path, text in expected.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
        extra = [p.name for p in DOCS.glob("*.md") if p not in expected]
        if stale or extra:
            print("out of date: " + ", ".join(stale + extra) + "; run python scripts/generate_rule_docs.py")
            return 1
        return 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for path in DOCS.glob("*.md"):
        if path not in expected:
            path.unlink()
    for path, text in expected.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
