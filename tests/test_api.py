"""The library: reportlint as other tools import it."""

from __future__ import annotations

import pytest

import reportlint
from conftest import SEED_FILES


def test_lint_text_and_lint_file_agree(seed_text):
    config = reportlint.Config(preview=True)
    from_text = reportlint.lint_text(seed_text("chaiqiao"), path=str(SEED_FILES["chaiqiao"]), config=config)
    from_file = reportlint.lint_file(SEED_FILES["chaiqiao"], config=config)
    assert [f.code for f in from_text] == [f.code for f in from_file] == ["RL200", "RL200"]
    assert all(isinstance(f, reportlint.Finding) for f in from_file)


def test_lint_file_raises_input_error_for_bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(reportlint.InputError):
        reportlint.lint_file(empty)


def test_config_object(seed_text):
    config = reportlint.Config(select=["privacy"], preview=True)
    assert {f.code for f in reportlint.lint_text(seed_text("shidong"), config=config)} == {"RL601"}


def test_parse_returns_the_tree_and_the_bound_tables(seed_text):
    report = reportlint.parse(seed_text("chaiqiao"))
    assert report.document.title.text.startswith("柴桥街道办事处")
    assert report.table("reviews").number("cases", "review.other") == 1


def test_a_rule_runs_on_its_own(seed_text):
    from reportlint.rules import RuleContext
    from reportlint.rules.privacy.personal_mobile_number import PersonalMobileNumber

    report = reportlint.parse(seed_text("shidong"))
    context = RuleContext(PersonalMobileNumber, report)
    PersonalMobileNumber().check(report, context)
    assert len(context.findings) == 3


def test_rules_do_not_mutate_the_report(seed_text):
    import copy

    from reportlint.engine import Linter

    linter = Linter()
    report = linter.bind(reportlint.parse(seed_text("chengyue")).source)

    def snapshot():
        return copy.deepcopy([
            (table.key, {key: (cell.value, cell.cell.text, cell.cell.start, cell.cell.end) for key, cell in table.cells.items()},
             [(m.kind, m.span, m.detail) for m in table.misfits], dict(table.extra_rows))
            for tables in report.tables.values() for table in tables
        ] + [len(report.document.sections), report.year, report.template.id])

    from reportlint.rules import RuleContext

    before = snapshot()
    for rule in linter.rules:
        rule().check(report, RuleContext(rule, report))
    assert snapshot() == before


def test_rule_metadata_is_validated():
    from reportlint.findings import Message, Severity
    from reportlint.rules import Rule, RuleDefinitionError

    with pytest.raises(RuleDefinitionError, match="kebab-case"):
        class Bad(Rule):  # noqa: F811
            """Docs."""

            code = "XX100"
            name = "Not_Kebab"
            category = "structure"
            severity = Severity.INFO
            summary = Message("x", "x")
            bad_example = good_example = ""
