"""Binding real text to template keys: cell by cell for one table of each layout, and in total
counts for every seed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportlint import parse
from reportlint.binding.values import read_value
from reportlint.rules._examples import applications_table


def numbers(table):
    return {(cell.row, cell.column): cell.value.value for cell in table.cells.values() if cell.value.is_number}


def test_cells_layout_table3_cell_by_cell(seed_text):
    report = parse(seed_text("chaiqiao"))
    table = report.table("applications")
    assert table.raw_tables[0].layout == "cells"
    values = numbers(table)
    assert len(values) == 161  # 23 rows × 7 columns
    nonzero = {key: value for key, value in values.items() if value}
    assert nonzero == {
        ("new", "natural_person"): 2,
        ("new", "total"): 2,
        ("outcome.granted", "natural_person"): 1,
        ("outcome.granted", "total"): 1,
        ("outcome.unavailable.not_held", "natural_person"): 1,
        ("total", "natural_person"): 2,
    }
    # Spans point at the cell in the original file.
    original = report.source.original.splitlines()
    cell = table.cell("new", "natural_person")
    assert original[cell.span.line - 1][cell.span.column - 1 : cell.span.end_column - 1] == "2"


def test_cells_layout_table2_with_broken_labels_and_a_unit_in_the_cell(seed_text):
    table = parse(seed_text("chaiqiao")).table("proactive")
    assert numbers(table)[("art20_1.normative", "new_made")] == 2
    amount = table.cell("art20_9.procurement", "amount").value
    assert (amount.value, amount.unit) == (Decimal(371), "万元")
    assert table.number("art20_9.procurement", "projects") == 60


def test_pipe_layout_split_table3_and_blank_rows(seed_text):
    table = parse(seed_text("kaixuan")).table("applications")
    assert [t.layout for t in table.raw_tables] == ["pipe", "pipe"]
    kinds = [cell.value.kind for cell in table.cells.values()]
    assert kinds.count("number") == 84 and kinds.count("empty") == 77
    assert table.value("outcome.granted", "total").kind == "empty"  # blank, not zero
    assert table.number("outcome.unavailable.needs_creation", "other") == 0  # from the second half
    assert table.number("carried_forward", "total") == 0  # leading blank cells dropped, 7 values kept
    assert table.columns_found == ("natural_person", "business", "research", "nonprofit", "legal_services", "other", "total")


def test_pipe_layout_table2_header_with_unit_and_decimals(seed_text):
    table = parse(seed_text("kaixuan")).table("proactive")
    assert table.column_units[("art20_9", "amount")] == "万元"
    assert table.column_decimals[("art20_9", "amount")] == 4
    assert table.number("art20_8.fees", "change") == 0


def test_tab_layout_in_an_attachment_with_a_missing_column_and_shifted_labels(seed_text):
    report = parse(seed_text("shidong"))
    table = report.table("applications")
    assert table.raw_tables[0].layout == "tabs"
    assert table.container.startswith("附件2")
    assert table.columns_found == ("natural_person", "business", "research", "nonprofit", "legal_services", "total")
    # Rows are bound by their own label even where the group label beside them is wrong.
    assert table.number("outcome.withheld.process", "total") == 0
    kinds = {misfit.kind for misfit in table.misfits}
    assert {"missing-columns", "misplaced-row", "row-width"} <= kinds
    # 7 values in a 6-column table: not bound, never shifted.
    assert table.cell("carried_forward", "total") is None


def test_rows_with_doubled_cells_are_not_bound(seed_text):
    table = parse(seed_text("chengyue")).table("applications")
    assert not table.cells
    widths = [m for m in table.misfits if m.kind == "row-width"]
    assert len(widths) == 23 and all((m.detail["expected"], m.detail["found"]) == (7, 14) for m in widths)


@pytest.mark.parametrize(
    "seed, expected",
    [
        ("chengyue", {"proactive": 25, "applications": 0, "reviews": 15}),
        ("kaixuan", {"proactive": 22, "applications": 161, "reviews": 15}),
        ("shidong", {"proactive": 22, "applications": 126, "reviews": 15}),
        ("zhangjiashan", {"proactive": 22, "applications": 161, "reviews": 15}),
        ("chaiqiao", {"proactive": 22, "applications": 161, "reviews": 15}),
    ],
)
def test_bound_cell_counts_for_every_seed(seed_text, seed, expected):
    report = parse(seed_text(seed))
    assert report.template.id == "2019" and report.year == 2020
    assert {key: len(report.table(key).cells) for key in report.tables} == expected


@pytest.mark.parametrize("layout", ["pipe", "tabs", "cells"])
def test_the_same_table_binds_identically_in_every_layout(layout):
    values = {"一、": "3 1 0 0 0 0 4", "（一）": "2 1 0 0 0 0 3", "（七）": "3 1 0 0 0 0 4", "四、": "0 0 0 0 0 0 0"}
    reference = numbers(parse(applications_table(values, layout="pipe")).table("applications"))
    assert numbers(parse(applications_table(values, layout=layout)).table("applications")) == reference
    assert reference[("new", "total")] == 4


@pytest.mark.parametrize(
    "raw, kind, value, unit, signed",
    [
        ("0", "number", 0, None, False),
        ("371万元", "number", 371, "万元", False),
        ("251000元", "number", 251000, "元", False),
        ("+19", "number", 19, None, True),
        ("-18", "number", -18, None, True),
        ("878.86", "number", Decimal("878.86"), None, False),
        ("１２", "number", 12, None, False),
        ("1,234", "number", 1234, None, False),
        ("", "empty", None, None, False),
        ("/", "placeholder", None, None, False),
        ("—", "placeholder", None, None, False),
        ("无", "placeholder", None, None, False),
        ("暂无数据", "text", None, None, False),
    ],
)
def test_cell_values_are_kept_apart(raw, kind, value, unit, signed):
    read = read_value(raw)
    assert (read.kind, read.value, read.unit, read.signed) == (kind, value, unit, signed)
    if raw == "１２":
        assert read.fullwidth


def test_template_detection_and_legacy_reports():
    report_2021 = parse("某局2022年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n")
    assert report_2021.template.id == "2021" and report_2021.year == 2022
    legacy = parse("某局2017年政府信息公开工作年度报告\n\n一、概述\n")
    assert legacy.legacy and legacy.template is None


def test_2021_other_processing_given_as_one_row_is_read_from_its_parent():
    text = applications_table({"（六）": "1 0 0 0 0 0 1", "（七）": "1 0 0 0 0 0 1", "一、": "1 0 0 0 0 0 1"})
    text = text.replace("2020年", "2022年")
    report = parse(text)
    assert report.template.id == "2021"
    table = report.table("applications")
    assert table.number("outcome.other", "total") == 1
    assert "values-on-group-row" in {m.kind for m in table.misfits}


@pytest.mark.parametrize("header, unit", [("采购总金额/万元", "万元"), ("采购总金额 万元", "万元"), ("采购总金额（元）", "元"),
                                          ("采购总金额(单位:万元,保留4位小数)", "万元")])
def test_a_unit_written_beside_a_column_label(header, unit):
    report = parse(f"某某街道2020年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n| 第二十条第（九）项 | | |\n"
                   f"| 信息内容 | 采购项目数量 | {header} |\n| 政府集中采购 | 62 | 9722328 |\n")
    table = report.table("proactive")
    assert table.number("art20_9.procurement", "amount") == 9722328
    assert table.column_units[("art20_9", "amount")] == unit
    assert not table.misfits


def test_a_label_with_words_added_is_another_label():
    report = parse(applications_table().replace("| （一）予以公开 |", "| （一）予以公开小计 |"))
    assert "unknown-row" in {m.kind for m in report.table("applications").misfits}


def test_a_period_whose_end_date_omits_the_year():
    report = parse("2022年上海市政府信息公开工作年度报告\n\n一、总体情况\n\n本年度报告中所列数据统计期限为2022年1月1日至12月31日。\n")
    start, end, _ = report.period
    assert (start.isoformat(), end.isoformat()) == ("2022-01-01", "2022-12-31")


def test_a_group_label_glued_to_its_row_label():
    text = applications_table({"（一）": "4 0 0 0 0 0 4"}).replace("| 三、本年度办理结果 | （一）予以公开 |", "| 三、本年度办理结果（一）予以公开 | |")
    table = parse(text).table("applications")
    assert table.number("outcome.granted", "total") == 4
    assert not [m for m in table.misfits if m.kind == "unknown-row"]
