"""What reportlint must report on the five seed reports (issue 4's acceptance list), and what
it must not."""

from __future__ import annotations

import reportlint

# Every rule, preview ones included: what the seeds hold, whichever rules are on by default.
EVERY_RULE = reportlint.Config(preview=True)


def lint_text(text, path=None):
    return reportlint.lint_text(text, path=path, config=EVERY_RULE)


def findings_of(seed_text, name):
    return lint_text(seed_text(name), path=name)


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def test_chengyue(seed_text):
    findings = findings_of(seed_text, "chengyue")
    prose = by_code(findings, "RL501")
    assert {f.evidence["prose"] for f in prose} == {52, 878.86}
    assert {tuple(f.evidence["table"].values())[0] for f in prose} == {62, 9722328}
    bound = by_code(findings, "RL205")
    assert len(bound) == 1 and bound[0].evidence["left"] == 86 and bound[0].evidence["right"] == 0
    width = by_code(findings, "RL105")
    assert width[0].evidence["expected"] == 7 and width[0].evidence["found"] == 14
    late = by_code(findings, "RL304")
    assert late and late[0].evidence["date"] == "2021-02-04" and late[0].evidence["deadline"] == "2021-01-31"


def test_kaixuan(seed_text):
    findings = findings_of(seed_text, "kaixuan")
    (blanks,) = by_code(findings, "RL107")  # 11 rows printed without numbers: one finding for the table
    assert blanks.location.table == "applications" and len(blanks.evidence["rows"]) == 11
    assert by_code(findings, "RL305")
    assert not by_code(findings, "RL201") and not by_code(findings, "RL202")  # unverifiable, not failing


def test_shidong(seed_text):
    findings = findings_of(seed_text, "shidong")
    early = by_code(findings, "RL303")
    assert {f.evidence["date"] for f in early} == {"2020-12-17"}
    mobiles = by_code(findings, "RL601")
    assert [f.evidence["masked"] for f in mobiles] == ["177****1193", "189****0336", "159****5501"]
    assert all(f.span.line in (140, 141, 142) for f in mobiles)
    assert any(f.evidence.get("columns") == ["其他"] for f in by_code(findings, "RL109"))
    extra = by_code(findings, "RL102")
    assert len(extra) == 1 and "创新性做法" in extra[0].message.zh


def test_zhangjiashan(seed_text):
    findings = findings_of(seed_text, "zhangjiashan")
    debris = by_code(findings, "RL701")
    assert debris and debris[0].evidence["text"] == "[bookmark: _GoBack]" and debris[0].span.line == 3
    assert by_code(findings, "RL305")
    assert not [f for f in findings if f.category == "arithmetic"]


def test_chaiqiao(seed_text):
    findings = findings_of(seed_text, "chaiqiao")
    culprits = by_code(findings, "RL200")
    assert {(f.location.row, f.location.column, f.evidence["expected"]) for f in culprits} == {
        ("outcome.unavailable.not_held", "total", 1),
        ("total", "total", 2),
    }
    # The failing equations are the culprits' evidence, not separate errors.
    assert not [f for f in findings if f.code in ("RL201", "RL202", "RL203")]
    assert not [f for f in findings if f.category == "date"]


def test_every_finding_points_inside_its_file(seed_text):
    for name in ("chengyue", "kaixuan", "shidong", "zhangjiashan", "chaiqiao"):
        text = seed_text(name)
        lines = text.splitlines()
        for finding in lint_text(text):
            if finding.span is None:
                continue
            assert 1 <= finding.span.line <= len(lines) + 1
            assert finding.span.start <= finding.span.end <= len(text)


def test_a_signature_date_on_the_organ_line_counts():
    from reportlint.rules._examples import report

    on_time = lint_text(report(tail="某某街道办事处 2021年1月13日\n"))
    late = lint_text(report(tail="某某街道办事处　2021年2月13日\n"))
    assert not [f for f in on_time if f.category == "date"]
    assert [f.code for f in late if f.category == "date"] == ["RL304"]


def test_a_subtotal_on_a_group_heading_is_named_as_such():
    from reportlint.engine import Config, Linter
    from reportlint.rules._examples import applications_table

    text = applications_table().replace("| （三）不予公开 | 1.属于国家秘密 |", "| （三）不予公开 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n|  | 1.属于国家秘密 |")
    findings = Linter(Config(select=["RL109"], preview=True)).lint_text(text).findings
    assert [f.evidence.get("subtotal") for f in findings] == [True]


def test_prose_findings_point_at_the_words(seed_text):
    text = seed_text("chengyue")
    lines = text.splitlines()
    pointed = {lines[f.span.line - 1][f.span.column - 1 : f.span.end_column - 1]
               for f in lint_text(text) if f.code == "RL501"}
    assert pointed == {"52个", "878.86万元"}


def test_a_garbled_date_is_pointed_at():
    from reportlint.engine import Config, Linter
    from reportlint.rules._examples import report

    text = report(tail="某某街道办事处于202021年1月13日印发本报告。\n")
    (finding,) = [f for f in Linter(Config(select=["RL302"], preview=True)).lint_text(text).findings]
    line = text.splitlines()[finding.span.line - 1]
    assert line[finding.span.column - 1 : finding.span.end_column - 1] == "202021年1月13日"
