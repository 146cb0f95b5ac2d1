"""Decoding and normalisation, and the map back to the original line:column."""

from __future__ import annotations

import codecs

import pytest

from reportlint.source import InputError, Source, decode_bytes, normalise


def test_positions_map_back_through_every_kind_of_edit():
    original = "\ufeff  标题\u3000 \r\n\u00a0\t1 \r\n2020 年 12 月[bookmark: _GoBack]17 日\r\n"
    source = Source.from_text(original)
    assert source.text == "标题\n\t1\n2020年12月17日\n"
    # Every character that survives normalisation maps to the same character in the original.
    for offset, char in enumerate(source.text):
        if char == "\n":
            continue
        mapped = source.map.original_offset(offset)
        assert original[mapped] == char, (offset, char, mapped)
    span = source.map.span(source.text.index("17"), source.text.index("17") + 2)
    assert (span.line, span.column) == (3, 31)
    assert original.splitlines()[2][span.column - 1 : span.end_column - 1] == "17"


def test_tabs_are_kept_and_lines_trimmed():
    text, _ = normalise(" \t0\t \n规章\t0\t0\t\n")
    assert text == "\t0\t\n规章\t0\t0\t\n"


def test_space_between_cjk_and_digits_is_dropped_but_not_between_words():
    text, _ = normalise("石洞街道 2020 年政府信息公开工作 年度报告 (二) 部分公开 ABC DEF\n")
    assert text == "石洞街道2020年政府信息公开工作年度报告(二)部分公开 ABC DEF\n"


def test_exotic_spaces_between_words_become_plain_spaces_one_by_one():
    original = "ABC\u3000 \u00a0DEF 中\u3000 文\n"
    text, source_map = normalise(original)
    assert text == "ABC   DEF 中文\n"
    assert [source_map.original_offset(text.index(word)) for word in ("DEF", "文")] == [6, 13]
    assert source_map.original_offset(5) == 5  # the no-break space keeps its own position


def test_cr_only_line_ends_count_as_lines():
    source = Source.from_text("一\r二\r三")
    assert source.text == "一\n二\n三\n"
    span = source.map.span(4, 5)
    assert (span.line, span.column) == (3, 1)


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("报告".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "报告".encode("utf-8"), "utf-8-sig"),
        ("报告".encode("utf-16"), "utf-16"),
        ("2020年报告\n".encode("utf-16-le"), "utf-16-le"),
        ("政府信息公开报告".encode("gb18030"), "gb18030"),
    ],
)
def test_decoding_detects_the_encoding(data, encoding):
    text, used = decode_bytes(data)
    assert used == encoding
    assert "报告" in text


def test_binary_and_undecodable_input_are_errors():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="cannot decode"):
        decode_bytes("报告".encode("utf-8"), "ascii")
