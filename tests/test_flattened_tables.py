"""Tables a crawler flattened to one line, read as a person reads them: real department and
片区 reports of the Pingtan zone (tests/corpus/pingtan-*-crawler.txt, from the site's archive),
each teaching the reader one thing it got wrong before."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import reportlint

CORPUS = Path(__file__).parent / "corpus"


def read(name: str):
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return text, reportlint.parse(text), reportlint.lint_text(text, config=reportlint.Config(preview=True))


def number(table, row: str, column: str):
    cell = table.cells.get((row, column))
    return cell.value.value if cell is not None and cell.value.is_number else None


def test_the_note_spelled_with_the_variant_钩稽_is_the_note():
    text, report, findings = read("pingtan-htp-2019-crawler")
    assert "本列数据的钩稽关系为" in text
    table = report.table("applications")
    assert table.header_note
    assert not [f for f in findings if f.code in ("RL106", "RL109", "RL110")]


def test_a_unit_after_a_run_of_figures_is_not_a_row():
    text, report, findings = read("pingtan-htp-2021-crawler")
    assert "政府集中采购328291965元三、" in text
    assert not [f for f in findings if f.code == "RL107"]  # no row named “元” with blank cells
    (unreadable,) = [f for f in findings if f.code == "RL003" and "政府集中采购" in f.message.zh]
    assert "328291965" in unreadable.message.zh  # the figures alone, without their unit


def test_a_run_with_one_digit_a_column_has_one_split_whatever_the_equations_say():
    text, report, findings = read("pingtan-htp-2021-crawler")
    assert "（七）总计1000000四、" in text
    table = report.table("applications")
    assert [number(table, "total", column) for column in ("natural_person", "business", "total")] == [1, 0, 0]
    (culprit,) = [f for f in findings if f.code == "RL200"]
    assert culprit.location.row == "total" and culprit.location.column == "natural_person"
    assert not [f for f in findings if f.code == "RL003" and "1000000" in f.message.zh]


def test_a_sentence_between_the_heading_and_the_table_is_prose():
    text, report, findings = read("pingtan-jjf-2022-crawler")
    assert "申请情况2022年，共收到政府信息公开申请3条。（本列数据" in text
    assert "情况2022年，未有政府信息公开行政复议及行政诉讼有关情况。行政复议" in text
    applications = report.table("applications")
    assert number(applications, "new", "total") == Decimal(3)
    assert report.table("reviews") is not None
    assert not [f for f in findings if f.code in ("RL104", "RL106", "RL108", "RL109")]


def test_blank_rows_whose_labels_run_into_the_next_are_rows_of_their_own():
    text, report, findings = read("pingtan-scj-2021-crawler")
    assert "政府信息公开申请3.其他（七）总计5000005" in text
    table = report.table("applications")
    assert {"outcome.other.unpaid_fee", "outcome.other.other", "total"} <= set(table.rows_found)
    assert number(table, "total", "total") == Decimal(5)
    assert number(table, "outcome.other.other", "total") is None
    blank = sorted(f.location.row for f in findings if f.code == "RL107")
    assert blank == ["outcome.other.other", "outcome.other.unpaid_fee"]
    assert not [f for f in findings if f.code in ("RL106", "RL109") and f.location.table == "applications"]


def test_blank_cells_between_pipes_without_the_outer_ones_are_cells():
    """html2text's tables (沭阳县发改局 2023, tests/corpus/shuyang-fgj-2023-markdown.md) print no
    outer pipes: ``一、本年新收… |  26 |  |  |  |  |  |  26``. The five blank columns are cells, so
    the row is seven wide, as the page and its browser copy have it."""
    path = CORPUS / "shuyang-fgj-2023-markdown.md"
    text = path.read_text(encoding="utf-8")
    assert "一、本年新收政府信息公开申请数量 |  26 |  |  |  |  |  |  26" in text
    report = reportlint.parse(text)
    table = report.table("applications")
    assert number(table, "new", "natural_person") == Decimal(26) and number(table, "new", "total") == Decimal(26)
    assert table.cells[("new", "business")].value.kind == "empty"
    codes = {f.code for f in reportlint.lint_file(path, config=reportlint.Config(preview=True))}
    page = {f.code for f in reportlint.lint_file(CORPUS / "shuyang-fgj-2023-html.html", config=reportlint.Config(preview=True))}
    assert "RL105" not in codes and codes == page == {"RL103", "RL107"}


def test_a_2019_table_label_in_prose_is_no_2019_table():
    """金井片区 2022: 一、总体情况 says 政府集中采购项目的目录、标准及实施情况2条 (a category of
    proactive disclosure); its 表二 is in the 2021 format. 海坛片区 2022 really prints a 2019 表二."""
    text, report, findings = read("pingtan-jjp-2022-crawler")
    assert "政府集中采购项目的目录、标准及实施情况" in text
    assert report.template.id == "2021" and not [f for f in findings if f.code == "RL112"]
    _, mixed, findings = read("pingtan-htp-2022-crawler")
    assert mixed.template.id == "2019" and [f.code for f in findings if f.code == "RL112"] == ["RL112"]


def test_a_section_of_the_reports_own_between_two_template_sections_ends_the_one_before():
    """苏平片区 2023: 四、…行政诉讼情况 (fifteen zeros) 五、信息处理费收取情况 (its own table, 000)
    六、存在的主要问题和改进情况. Section 五 is not the template's, yet 表四 ends where it begins."""
    text, report, findings = read("pingtan-spp-2023-crawler")
    assert "总计 000000000000000五、信息处理费收取情况" in text
    reviews = report.table("reviews")
    assert [number(reviews, "cases", column) for column in ("review.total", "suit_after_review.total")] == [0, 0]
    assert not [f for f in findings if f.code == "RL003"]
    (extra,) = [f for f in findings if f.code == "RL102"]
    assert "五、信息处理费收取情况" in extra.message.zh
