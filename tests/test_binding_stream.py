"""The pieces of binding by the template: regions, run-together figures, the outline fitted to
the template, the report's identity. Excerpts are real (the Pingtan crawler text, Hongze's PDF
text layer); where an excerpt is altered to make a case, the test says how."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint import parse
from reportlint.binding.identity import agency_key, kinds_of
from reportlint.engine import Linter

FORMS = Path(__file__).parent / "fixtures" / "forms"
CRAWLER = (FORMS / "pingtan-2023-crawler.txt").read_text(encoding="utf-8")
TABLE3 = CRAWLER[CRAWLER.index("三、收到和处理政府信息公开申请情况"):CRAWLER.index("四、政府信息公开行政复议")]
HEAD = "平潭综合实验区2023年度政府信息公开工作年度报告\n\n"


def applications(text: str):
    return parse(text).table("applications")


def column(table, row: str) -> list:
    return [table.number(row, spec.key) for spec in table.spec.columns]


def test_a_table_run_together_on_one_line_is_split_by_its_equations():
    table = applications(HEAD + TABLE3)
    assert column(table, "outcome.unavailable.not_held") == [31, 0, 0, 0, 0, 0, 31]
    assert column(table, "outcome.withheld.inquiry") == [2, 0, 0, 0, 0, 0, 2]
    assert column(table, "total") == [80, 1, 0, 0, 0, 0, 81]
    assert not [m for m in table.misfits if m.kind == "run-together"]


def test_a_row_its_own_equation_leaves_ambiguous_is_decided_by_the_columns():
    # 220000022 splits as 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22; only the first keeps 商业企业's column balanced.
    table = applications(HEAD + TABLE3)
    assert column(table, "outcome.granted") == [22, 0, 0, 0, 0, 0, 22]
    assert table.split_runs["outcome.granted"] == "220000022"


def test_figures_that_fit_no_split_are_never_guessed():
    # The real row 一、…801000081 altered to 801000082: no split keeps 总计 the sum of the six.
    table = applications(HEAD + TABLE3.replace("数量801000081", "数量801000082"))
    assert table.cell("new", "total") is None
    (misfit,) = [m for m in table.misfits if m.kind == "run-together"]
    assert misfit.detail["digits"] == "801000082" and misfit.detail["row"] == "new"


def test_two_consistent_readings_are_reported_not_chosen():
    report = parse(CRAWLER)
    (misfit,) = [m for m in report.table("proactive").misfits if m.kind == "run-together"]
    assert misfit.detail["digits"] == "77132470" and "ways to split" in misfit.detail["reason"]


def test_a_row_label_that_looks_like_section_four_goes_back_into_its_table():
    text = (FORMS / "hongze-2023-pdftotext.txt").read_text(encoding="utf-8")
    report = parse(text)
    titles = [match.section.title for match in report.body_sections()]
    assert "结转下年度继续办理" not in titles and "政府信息公开行政复议、行政诉讼情况" in titles


def test_only_line_breaks_are_added_to_a_flattened_page():
    from reportlint.source import Source

    source = Source.from_text(CRAWLER)
    report = Linter().bind(source)
    assert report.source.text != source.text
    assert report.source.text.replace("\n", "") == source.text.replace("\n", "")
    assert len(report.body_sections()) == 6
    heading = report.body_sections()[3].section  # 四、政府信息公开行政复议、行政诉讼情况, inside line 10
    line = CRAWLER.splitlines()[heading.heading_span.line - 1]
    assert line[heading.heading_span.column - 1:].startswith("四、政府信息公开行政复议")


@pytest.mark.parametrize("name, kinds", [
    ("西工区凯旋东路街道办事处", ("street",)),
    ("某某镇人民政府", ("township",)),
    ("淮安市洪泽区人民政府", ("county",)),
    ("淮安市人民政府", ("prefecture", "county")),  # a 市 may be a county-level city
    ("江苏省人民政府", ("province",)),
    ("上海市人民政府办公厅", ("government-office", "province")),
    ("宁国市商务局", ("department",)),
    ("平潭综合实验区", ("zone", "department", "county", "prefecture")),
])
def test_agency_kinds_from_the_name(name, kinds):
    assert kinds_of(name)[0] == kinds


def test_names_of_one_body_share_a_key():
    assert agency_key("洪泽区人民政府办公室") == agency_key("洪泽区政府办")
    assert agency_key("凯旋东路街道办事处") == agency_key("凯旋东路街道")


def test_the_identity_is_read_from_the_title_and_says_where():
    report = parse(CRAWLER)
    identity = report.identity
    assert identity.agency == "平潭综合实验区" and identity.year == 2023
    assert identity.agency_span is not None and identity.agency_span.line == 1
