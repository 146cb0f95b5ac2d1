"""The same real report in the forms it reaches reviewers — the published page, a browser's
copy, Markdown conversions, a PDF and its text layer, a crawler's flattened line — must be read
into the same cells, and give the same verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.engine import Linter
from reportlint.engine.linter import read_source

FIXTURES = Path(__file__).parent / "fixtures"
FORMS = FIXTURES / "forms"
CORPUS = FIXTURES / "corpus"


def bound(path: Path):
    return Linter().bind(read_source(path))


def cells(report) -> dict[str, str]:
    """Every bound cell's value (as a number where it is one), by table/row/column."""
    out = {}
    for instances in report.tables.values():
        for table in instances[:1]:
            for cell in table.cells.values():
                value = cell.value.as_json_number()
                out[cell.key] = value if value is not None else cell.value.raw
    return out


def findings(path: Path) -> list:
    return Linter().lint_path(path).findings


@pytest.mark.parametrize("form", ["pingtan-2021-browser-copy.txt", "pingtan-2021-markdownify.md", "pingtan-2021-pandoc.md"])
def test_a_published_page_and_its_conversions_give_the_same_cells(form):
    page = cells(bound(CORPUS / "pingtan-2021.html"))
    assert len(page) == 10 + 7 * 25 + 15  # table 2, the 25 value rows of table 3, table 4
    assert cells(bound(FORMS / form)) == page


def test_a_pdf_and_its_layout_text_layer_give_the_same_cells():
    pdf = cells(bound(CORPUS / "hongze-2023.pdf"))
    assert pdf["reviews/cases/review.upheld"] == 10 and pdf["applications/new/total"] == 21
    assert cells(bound(FORMS / "hongze-2023-pdftotext-layout.txt")) == pdf


def table_findings(path):
    return sorted((f.code, f.location.table, f.location.row, f.location.column) for f in findings(path) if f.location.table)


def test_conversions_of_one_page_give_the_same_verdicts_on_its_tables():
    page = table_findings(CORPUS / "pingtan-2021.html")
    assert page == []  # a clean report: no conversion may add a false alarm
    for form in ("pingtan-2021-browser-copy.txt", "pingtan-2021-markdownify.md", "pingtan-2021-pandoc.md"):
        assert table_findings(FORMS / form) == page, form


def test_a_pdf_and_its_layout_text_layer_give_the_same_verdicts():
    pdf = table_findings(CORPUS / "hongze-2023.pdf")
    assert pdf == [("RL109", "applications", "outcome.other", None), ("RL204", "reviews", "cases", "review.total"),
                   ("RL204", "reviews", "cases", "suit_after_review.total")]
    assert table_findings(FORMS / "hongze-2023-pdftotext-layout.txt") == pdf


def test_browser_copy_rows_are_rows():
    """Cells holding paragraphs come out one a line with a tab-only line between them; the
    merged 第二十条 rows are plain lines. Every item is bound under its own block."""
    report = bound(FORMS / "pingtan-2021-browser-copy.txt")
    proactive = report.table("proactive")
    assert not proactive.misfits
    assert proactive.number("art20_6.penalties", "decisions") == 1282
    assert proactive.number("art20_1.normative", "in_force") == 665
    applications = report.table("applications")
    assert applications.header_note and applications.columns_found[-1] == "total"
    assert applications.number("new", "total") == 70 and applications.number("carried_forward", "total") == 1


def test_a_text_layer_that_lists_tables_column_by_column_is_reported_once_per_table():
    result = findings(FORMS / "hongze-2023-pdftotext.txt")
    unreadable = [f for f in result if f.code == "RL003"]
    assert sorted(f.evidence["table"] for f in unreadable) == ["applications", "proactive"]
    # Nothing else is said about the two tables that could not be read: no row, blank or sum findings.
    assert not [f for f in result if f.location.table in ("applications", "proactive") and f.code != "RL003"]
    # Table 4 is read (its figures are in order) and its real defect is found, as in the PDF.
    assert sorted((f.code, f.location.column) for f in result if f.location.table == "reviews") == [
        ("RL204", "review.total"), ("RL204", "suit_after_review.total")]
    assert not [f for f in result if f.code in ("RL101", "RL104")]


def test_crawler_text_is_broken_at_its_headings_and_its_figures_split_where_only_one_way_fits():
    report = bound(FORMS / "pingtan-2023-crawler.txt")
    assert [match.spec.key for match in report.body_sections()] == [
        "overview", "proactive", "applications", "reviews", "problems", "other_matters"]
    applications = report.table("applications")
    row = [applications.number("new", column.key) for column in applications.spec.columns]
    assert row == [80, 1, 0, 0, 0, 0, 81]
    assert applications.split_runs["new"] == "801000081"
    # 220000022 could be 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22: the columns' balance decides.
    assert applications.number("outcome.granted", "natural_person") == 22
    reviews = report.table("reviews")
    assert [reviews.number("cases", key) for key in ("review.total", "direct_suit.total", "suit_after_review.total")] == [2, 5, 2]
    # 77132470 under three columns with no equation to decide: reported, never guessed.
    proactive = report.table("proactive")
    assert proactive.cell("art20_1.normative", "issued") is None
    (ambiguous,) = [f for f in findings(FORMS / "pingtan-2023-crawler.txt") if f.code == "RL003"]
    assert ambiguous.evidence["rows"][0]["digits"] == "77132470"
    # Spans point into the one long line of the original file.
    cell = applications.cell("new", "natural_person")
    line = (FORMS / "pingtan-2023-crawler.txt").read_text(encoding="utf-8").splitlines()[cell.span.line - 1]
    assert line[cell.span.column - 1 : cell.span.end_column - 1] == "80"


def test_a_section_under_another_number_is_there_and_said_once():
    from reportlint.rules._examples import report

    text = report().replace("四、政府信息公开行政复议", "三、政府信息公开行政复议").replace("三、收到和处理", "四、收到和处理")
    result = Linter().lint_text(text).findings
    assert not [f for f in result if f.code == "RL101"]
    (renumbered,) = [f for f in result if f.code == "RL102"]
    assert renumbered.severity.value == "info" and len(renumbered.evidence["sections"]) == 2


def test_traditional_text_is_read_through_simplified_and_points_into_the_original():
    from reportlint.source import Source, is_traditional

    traditional = "某某街道辦事處2021年政府信息公開工作年度報告\n一、總體情況\n本報告所列數據的統計期限自2021年1月1日起至2021年12月31日止。報告說明公開、處理、辦理、機關、會議的情況。\n"
    assert is_traditional(traditional)
    source = Source.from_text(traditional)
    assert "政府信息公开工作年度报告" in source.text and "一、总体情况" in source.text
    assert len(source.text) == len(traditional) + (0 if traditional.endswith("\n") else 1)
    report = Linter().bind(source)
    assert report.year == 2021 and report.body_sections()[0].spec.key == "overview"


def test_a_gateways_pinyin_readings_are_dropped_and_spans_still_point_into_the_original():
    from reportlint.source import Source

    # A 繁簡 gateway's rendering of 开平市农业农村局's 2020 report (tests/corpus), one line.
    page = (Path(__file__).parent / "corpus" / "kaiping-nyj-2020-traditional.txt").read_text(encoding="utf-8")
    source = Source.from_text(page)
    assert "(jù)" not in source.text and "根据《中华人民共和国政府信息公开条例》" in source.text
    start = source.text.index("二、主动公开")
    span = source.map.span(start, start + 2)
    assert page[span.start : span.end] == "二、"
    report = Linter().bind(source)
    assert [match.spec.key for match in report.body_sections()] == [
        "overview", "proactive", "applications", "reviews", "problems", "other_matters"]
    # A bracket holding a word or an enumerator is the report's own text.
    assert "(附件)" in Source.from_text("见(附件)第(一)项\n").text


def test_a_title_with_words_around_a_template_title_is_that_section():
    from reportlint.rules._examples import report
    from reportlint.source import Source

    text = report().replace("一、总体情况", "一、政府信息公开总体情况")
    sections = Linter().bind(Source.from_text(text)).body_sections()
    assert sections[0].section.title == "政府信息公开总体情况" and sections[0].spec.key == "overview"
