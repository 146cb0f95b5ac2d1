"""Reports as published: web pages, Word and PDF files reach the same rules as text, and every
kind of bad input gets one clear line and exit code 2."""

from __future__ import annotations

import json

import pytest

import reportlint
from conftest import FIXTURES, SEED_FILES
from reportlint.loaders import load_bytes, load_path
from reportlint.source import InputError
from test_cli import run

CORPUS = FIXTURES / "corpus"


def lint(path):
    return reportlint.lint_file(path, config=reportlint.Config(preview=True))


def by_code(findings, code):
    return [f for f in findings if f.code == code]


def test_html_page_binds_and_points_into_the_page():
    report = reportlint.parse(load_path(CORPUS / "pingtan-2021.html").text)
    assert report.template.id == "2021" and report.year == 2021
    table = report.table("applications")
    assert table.number("new", "total") == 70 and table.number("total", "total") == 69
    assert table.number("carried_forward", "total") == 1
    # The 自然人 header spans two columns but its data one: bound by label, not by position.
    assert table.number("new", "natural_person") == 64 and table.number("new", "other") == 4
    findings = lint(CORPUS / "pingtan-2021.html")
    page_lines = (CORPUS / "pingtan-2021.html").read_text(encoding="utf-8").splitlines()
    fee = reportlint.parse(load_path(CORPUS / "pingtan-2021.html").text).table("proactive").cell("art20_8.fees", "fee_amount")
    assert fee.value.raw == "24252.311082"
    span = load_path(CORPUS / "pingtan-2021.html").map.span(fee.cell.start, fee.cell.end)
    assert page_lines[span.line - 1][span.column - 1 : span.end_column - 1] == "24252.311082"
    assert findings == []  # a clean report


def test_html_publication_date_and_title_come_from_the_page_metadata():
    source = load_path(CORPUS / "pingtan-2022.html")
    assert source.text.startswith("平潭综合实验区2022年度政府信息公开工作年度报告\n")
    assert "发布日期：2023-02-20" in source.text
    findings = lint(CORPUS / "pingtan-2022.html")
    wording = by_code(findings, "RL103")
    assert [f.evidence["title"] for f in wording] == ["政府信息公开行政法复议、行政诉讼情况"]
    assert not by_code(findings, "RL305") and not by_code(findings, "RL304")


def test_pdf_review_table_defect_is_found_with_page_and_cell():
    findings = lint(CORPUS / "hongze-2023.pdf")
    totals = by_code(findings, "RL204")
    assert {(f.location.column, f.evidence["left"], f.evidence["right"]) for f in totals} == {
        ("review.total", 0, 11), ("suit_after_review.total", 0, 5)}
    assert totals[0].origin.startswith("第4页 表")
    assert by_code(findings, "RL109")  # （六）其他处理 as one row in a 2023 (2021-format) report


def test_pdf_prose_against_table_and_a_clean_report():
    assert [f.evidence["prose"] for f in by_code(lint(CORPUS / "hongze-2024.pdf"), "RL501")] == [17]
    clean = lint(CORPUS / "huaian-2024.pdf")
    assert not [f for f in clean if f.category in ("arithmetic", "structure", "consistency")]
    report = reportlint.parse(load_path(CORPUS / "huaian-2024.pdf").text)
    assert report.table("applications").number("new", "total") == 3119
    assert report.table("reviews").number("cases", "review.total") == 351


def test_docx_template_reads_merged_cells_and_finds_it_empty():
    source = load_path(CORPUS / "template-2021-blank.docx")
    assert source.kind == "docx" and source.origins
    report = reportlint.parse(source.text)
    table = report.table("applications")
    assert len(table.cells) == 25 * 7 and {c.value.kind for c in table.cells.values()} == {"empty"}
    findings = lint(CORPUS / "template-2021-blank.docx")
    assert by_code(findings, "RL111") and by_code(findings, "RL107")
    assert not by_code(findings, "RL106")  # vertical merges read once, in their first row
    assert by_code(findings, "RL107")[0].origin.startswith("表1 第")


def test_text_and_docx_of_the_same_report_reach_the_same_findings(tmp_path):
    docx = pytest.importorskip("docx")
    from reportlint.parsing import DateLine, Paragraph, Table

    text = SEED_FILES["chaiqiao"].read_text(encoding="utf-8")
    document = reportlint.parse(text).document
    word = docx.Document()
    word.add_paragraph(document.title.text)

    def add(block):
        if isinstance(block, Table):
            width = max(len(row.cells) for row in block.rows)
            grid = word.add_table(rows=len(block.rows), cols=width)
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row.cells):
                    grid.cell(r, c).text = cell.text
        elif isinstance(block, (Paragraph, DateLine)):
            word.add_paragraph(block.text)

    for section in document.sections:
        word.add_paragraph(f"{section.numeral}、{section.title}")
        for block in section.blocks:
            add(block)
    path = tmp_path / "chaiqiao.docx"
    word.save(path)
    from_docx = lint(path)
    assert [f.code for f in from_docx] == [f.code for f in lint(SEED_FILES["chaiqiao"])] == ["RL200", "RL200"]
    assert [f.evidence["expected"] for f in from_docx] == [1, 2]
    assert from_docx[0].origin.startswith("表")


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("truncated.docx", lambda: (CORPUS / "template-2021-blank.docx").read_bytes()[:4000], "DOCX"),
        ("truncated.pdf", lambda: (CORPUS / "hongze-2024.pdf").read_bytes()[:5000], "PDF"),
        ("news.txt", lambda: "市政府召开常务会议\n\n会议研究了春耕生产工作。\n".encode(), "不是政府信息公开工作年度报告"),
        ("big.txt", lambda: b"x" * (50 * 1024 * 1024 + 1), "文件过大"),
        ("latin1.txt", lambda: bytes(range(0x80, 0x100)) * 4, ""),
    ],
)
def test_bad_inputs(tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make())
    code, out, err = run(path, SEED_FILES["chaiqiao"], "--preview")
    assert code == 2, out + err
    assert "Traceback" not in out + err
    line = next(line for line in out.splitlines() if name in line)
    assert message in line
    assert "RL200" in out


def test_not_a_report_is_an_input_error_in_the_library_too():
    with pytest.raises(InputError, match="不是政府信息公开工作年度报告"):
        reportlint.lint_text("市政府召开常务会议\n\n会议研究了春耕生产工作。\n")


def test_format_is_recognised_by_content_when_the_name_says_nothing():
    data = (CORPUS / "pingtan-2022.html").read_bytes()
    assert load_bytes(data, "report").kind == "html"
    assert load_bytes((CORPUS / "huaian-2024.pdf").read_bytes(), "report").kind == "pdf"


def test_crlf_and_gbk_html(tmp_path):
    page = (CORPUS / "pingtan-2022.html").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "page.htm"
    path.write_bytes(page.replace('charset="utf-8"', 'charset="gbk"').encode("gb18030"))
    findings = lint(path)
    assert [f.code for f in findings] == ["RL103"]  # the heading typo 行政法复议, as in the UTF-8 page
    line = page.split("\r\n")[findings[0].span.line - 1]
    assert line[findings[0].span.column - 1 : findings[0].span.end_column - 1].startswith("四、政府信息公开行政法复议")


def test_json_output_carries_the_origin_for_binary_formats():
    _, out, _ = run(CORPUS / "hongze-2023.pdf", "--format", "json", "--select", "RL204")
    findings = json.loads(out)["files"][0]["findings"]
    assert all(f["origin"].startswith("第4页") for f in findings)


def test_inputs_are_never_written(tmp_path):
    for name in ("pingtan-2021.html", "hongze-2023.pdf", "template-2021-blank.docx"):
        target = tmp_path / name
        target.write_bytes((CORPUS / name).read_bytes())
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    run(tmp_path, "--format", "json")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before


def test_standard_input_is_recognised_by_content():
    code, out, err = run("-", "--select", "RL204", "--format", "json", stdin=(CORPUS / "hongze-2023.pdf").read_bytes())
    findings = json.loads(out)["files"][0]["findings"]
    assert code == 1 and {f["code"] for f in findings} == {"RL204"}


def test_prose_about_applications_handled_is_checked(tmp_path):
    page = (CORPUS / "pingtan-2021.html").read_text(encoding="utf-8")
    assert "办结69件" in page
    path = tmp_path / "page.html"
    path.write_text(page.replace("办结69件", "办结67件"), encoding="utf-8")
    facts = [f.evidence for f in lint(path) if f.code == "RL501"]
    assert facts == [{"fact": "applications-handled", "prose": 67, "unit": "件", "table": {"applications/total/total": 69}}]


def test_a_missing_extra_is_named(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # as if the extra were not installed
    with pytest.raises(InputError, match=r"reportlint\[pdf\]"):
        load_bytes((CORPUS / "huaian-2024.pdf").read_bytes(), "report.pdf")
