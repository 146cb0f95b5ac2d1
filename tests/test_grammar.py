"""Golden trees: every construct of the grammar, including the ones LALR could swallow."""

from __future__ import annotations

import datetime as dt

from reportlint.parsing import DateLine, Paragraph, Table, parse_text


def shape(document):
    """A compact, comparable picture of the tree."""
    out = [("title", document.title.text if document.title else None)]
    for block in document.preamble:
        out.append(("preamble", type(block).__name__))
    for attachment, section in document.all_sections():
        out.append(("section", attachment.label if attachment else None, section.number, section.title))
        for block in section.blocks:
            if isinstance(block, Table):
                out.append(("table", block.layout, [list(row.texts) for row in block.rows]))
            elif isinstance(block, DateLine):
                out.append(("date", block.date))
            else:
                out.append(("paragraph", block.text))
    return out


def test_sections_paragraphs_signature():
    document = parse_text("某局2020年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n二、其他需要报告的事项\n无\n某局\n2021年1月13日\n")
    assert shape(document) == [
        ("title", "某局2020年政府信息公开工作年度报告"),
        ("section", None, 1, "总体情况"),
        ("paragraph", "正文。"),
        ("section", None, 2, "其他需要报告的事项"),
        ("paragraph", "无"),
        ("paragraph", "某局"),
        ("date", dt.date(2021, 1, 13)),
    ]


def test_dates_in_every_written_form():
    text = "标题\n\n一、总体情况\n2020 年 12 月 17 日\n2020.12.17\n二〇二一年一月十三日\n2021年2月30日\n"
    dates = [block.date for block in parse_text(text).dates()]
    assert dates == [dt.date(2020, 12, 17), dt.date(2020, 12, 17), dt.date(2021, 1, 13), None]


def test_one_cell_per_line_with_row_breaks_and_a_broken_label():
    text = "一、主动公开政府信息情况\n\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t0\n\t 1\n"
    table = parse_text(text).sections[0].blocks[0]
    assert table.layout == "cells"
    assert [list(row.texts) for row in table.rows] == [["信息内容", "本年新制作数量", "对外公开总数量"], ["规章", "0", "1"]]


def test_empty_cells_are_cells_not_blank_lines():
    table = parse_text("一、表\n\t\n\t（二）部分公开\n\t0\n").sections[0].blocks[0]
    assert [list(row.texts) for row in table.rows] == [["", "（二）部分公开", "0"]]


def test_row_label_four_inside_table_is_not_section_four():
    text = (
        "三、收到和处理政府信息公开申请情况\n\t（七）总计\n\t0\n\n\t四、结转下年度继续办理\n\t0\n\n"
        "四、政府信息公开行政复议、行政诉讼情况\n\t0\n"
    )
    document = parse_text(text)
    assert [(s.number, s.title) for s in document.sections] == [
        (3, "收到和处理政府信息公开申请情况"),
        (4, "政府信息公开行政复议、行政诉讼情况"),
    ]
    assert document.sections[0].blocks[0].rows[1].texts == ("四、结转下年度继续办理", "0")


def test_row_label_that_lost_its_tab_inside_a_table_stays_in_the_table():
    text = "三、申请情况\n\t（七）总计\n\t0\n四、结转下年度继续办理\n\t0\n\n四、行政复议\n"
    document = parse_text(text)
    assert [s.title for s in document.sections] == ["申请情况", "行政复议"]


def test_numbered_items_that_do_not_advance_are_paragraphs():
    document = parse_text("一、总体情况\n二、主动公开\n一、加强领导。\n三、依申请公开\n")
    assert [s.number for s in document.sections] == [1, 2, 3]
    assert document.sections[1].blocks[0].text == "一、加强领导。"


def test_markdown_pipe_table_split_in_two_with_its_header_repeated():
    text = (
        "三、收到和处理政府信息公开申请情况\n\n| 申请人情况 | 自然人 |\n|---|---|\n| 一、本年新收 | 1 |\n\n"
        "| | |\n|---|---|\n| （七）总计 | 1 |\n"
    )
    blocks = parse_text(text).sections[0].blocks
    assert [(b.layout, [list(r.texts) for r in b.rows]) for b in blocks] == [
        ("pipe", [["申请人情况", "自然人"], ["一、本年新收", "1"]]),
        ("pipe", [["", ""], ["（七）总计", "1"]]),
    ]


def test_tab_separated_rows_keep_empty_cells():
    table = parse_text("二、主动公开\n第二十条第（八）项\t\t\t\n行政事业性收费\t0\t0\t\n").sections[0].blocks[0]
    assert table.layout == "tabs"
    assert [list(row.texts) for row in table.rows] == [["第二十条第（八）项", "", "", ""], ["行政事业性收费", "0", "0", ""]]


def test_attachments_have_their_own_sections_and_tables():
    text = "一、总体情况\n正文\n附件2:\n\n政府信息公开工作年度数据统计表\n一、总体情况\n二、主动公开\n规章\t0\n附件3：\n联系\t人\n"
    document = parse_text(text)
    assert [a.label for a in document.attachments] == ["附件2:", "附件3："]
    assert [s.number for s in document.attachments[0].sections] == [1, 2]
    assert isinstance(document.attachments[1].blocks[0], Table)


def test_cell_spans_point_at_the_original_text():
    original = "标题\r\n\r\n一、表\r\n|\u00a0规章 |  12 |\r\n"
    table = parse_text(original).sections[0].blocks[0]
    cell = table.rows[0].cells[1]
    assert cell.text == "12"
    lines = original.split("\r\n")
    assert lines[cell.span.line - 1][cell.span.column - 1 : cell.span.end_column - 1] == "12"


def test_control_characters_become_a_parse_issue_and_the_rest_is_parsed():
    document = parse_text("标题\n\n一、总体情况\n坏\x07行\n二、主动公开政府信息情况\n正文\n")
    assert len(document.issues) == 1
    issue = document.issues[0]
    assert (issue.span.line, issue.span.column) == (4, 2)
    assert "U+0007" in issue.message
    assert [s.title for s in document.sections] == ["总体情况", "主动公开政府信息情况"]


def test_grammar_has_no_conflicts_under_strict_lalr():
    from lark import Lark

    from reportlint.parsing.parser import _grammar_text
    from reportlint.parsing.postlex import ReportPostLexer

    # The basic lexer here only so that lark checks the terminals for collisions; parsing uses
    # the line lexer, which reads the same terminals.
    Lark(_grammar_text(), parser="lalr", lexer="basic", postlex=ReportPostLexer(), strict=True)


def test_titles_and_preamble():
    document = parse_text("\n\n某某街道办事处2020年政府信息公开工作年度报告\n（2021年1月）\n一、总体情况\n")
    assert document.title.text == "某某街道办事处2020年政府信息公开工作年度报告"
    assert [type(b) for b in document.preamble] == [Paragraph]


def test_sections_written_as_parts():
    document = parse_text("标题\n\n第一部分 总体情况\n正文\n第二部分　主动公开政府信息情况\n正文\n")
    assert [(s.number, s.numeral, s.title) for s in document.sections] == [
        (1, "一", "总体情况"), (2, "二", "主动公开政府信息情况")]


def test_signature_block():
    from reportlint.parsing import Signature

    separate = parse_text("标题\n\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n某某街道办事处\n2020 年 12 月 17 日\n")
    assert isinstance(separate.signature, Signature)
    assert (separate.signature.organ, separate.signature.date) == ("某某街道办事处", dt.date(2020, 12, 17))
    one_line = parse_text("标题\n\n一、总体情况\n正文。\n六、其他需要报告的事项\n无。\n某某局 2021.1.13\n")
    assert (one_line.signature.organ, one_line.signature.date) == ("某某局", dt.date(2021, 1, 13))
    assert parse_text("标题\n\n一、总体情况\n正文。\n").signature is None
