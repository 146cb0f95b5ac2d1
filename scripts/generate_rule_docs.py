"""Write docs/rules/<CODE>.md and docs/rules/README.md from the rules' own metadata.

    python scripts/generate_rule_docs.py          # rewrite the pages
    python scripts/generate_rule_docs.py --check  # exit 1 if a page is out of date (used by tests)
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlint.cli import rule_docs_markdown
from reportlint.engine.plugins import build_registry

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def pages() -> dict[Path, str]:
    registry = build_registry(autoload=False)  # built-in rules only
    rules = list(registry.rules.values())
    index = ["# Rules", "", "Generated from the rules' metadata by `scripts/generate_rule_docs.py`; do not edit.", "",
             "| code | name | category | severity | summary |", "|---|---|---|---|---|"]
    index += [f"| [{r.code}]({r.code}.md) | {r.name} | {r.category} | {r.severity.value} | {r.summary.zh} — {r.summary.en} |"
              for r in rules]
    out = {DOCS / "README.md": "\n".join(index) + "\n"}
    for rule in rules:
        out[DOCS / f"{rule.code}.md"] = rule_docs_markdown(rule)
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
