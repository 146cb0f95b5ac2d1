"""Every rule that reads tables gives the same verdict on its examples whichever of the three
text layouts the tables are in: Markdown pipe rows (as the examples are written), tab-separated
rows, and one cell per line (Word pasted as text)."""

from __future__ import annotations

import re

import pytest

from conftest import rule_findings

from reportlint.engine import get_registry

_RULE_LINE = re.compile(r"^\|?\s*:?-{2,}")


def to_layout(text: str, layout: str) -> str:
    """Rewrite the pipe tables of ``text`` in another layout; everything else stays."""
    out: list[str] = []
    previous_was_row = False
    for line in text.split("\n"):
        if line.startswith("|"):
            if _RULE_LINE.match(line):
                continue
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if layout == "tabs":
                out.append("\t".join(cells) + ("\t" if len(cells) == 1 else ""))
            else:
                if previous_was_row:
                    out.append("")  # rows of one-cell-per-line tables are separated by a blank line
                out.extend("\t" + cell for cell in cells)
            previous_was_row = True
        else:
            out.append(line)
            previous_was_row = False
    return "\n".join(out)


TABLE_RULES = sorted(
    (rule for rule in get_registry().rules.values() if "\n|" in rule.bad_example or "\n|" in rule.good_example),
    key=lambda rule: rule.code,
)


def flagged(rule, text: str) -> bool:
    return bool(rule_findings(rule, text))


@pytest.mark.parametrize("layout", ["tabs", "cells"])
@pytest.mark.parametrize("rule", TABLE_RULES, ids=[rule.code for rule in TABLE_RULES])
def test_examples_in_every_layout(rule, layout):
    assert flagged(rule, to_layout(rule.bad_example, layout)), f"{rule.code}: bad example not flagged in {layout}"
    assert not flagged(rule, to_layout(rule.good_example, layout)), f"{rule.code}: good example flagged in {layout}"


def test_the_conversion_really_changes_the_layout():
    rule = get_registry().rules["RL201"]
    assert "|" not in to_layout(rule.bad_example, "tabs") and "\t" in to_layout(rule.bad_example, "tabs")
    assert "\n\t一、本年新收政府信息公开申请数量\n\t5\n" in to_layout(rule.bad_example, "cells")
    assert len(TABLE_RULES) >= 20
