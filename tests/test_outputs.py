"""The outputs for reviewers and researchers, checked against the JSON output and `reportlint
parse` of the same reports: the HTML report's data and marks, the workbook cell by cell, the
export row by row, the baseline across edits. (The HTML report in a real browser:
test_html_browser.py.)"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED_FILES
from test_cli import run

CORPUS = FIXTURES / "corpus"
HTML_PAGE = Path(__file__).parent / "corpus" / "pingtan-2023-html.html"  # a page with findings
PDF_FILE = CORPUS / "hongze-2023.pdf"


def reportlint(*args, cache):
    # Every rule, preview ones included, in a lint run: the outputs are tested, not the selection.
    extra = () if args and args[0] in ("parse", "export", "rules") else ("--preview",)
    code, out, err = run(*args, *extra, env={"REPORTLINT_CACHE_DIR": str(cache)})
    assert "Traceback" not in err, err
    return code, out, err


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def inputs():
    """The seeds and the published web page and PDF: every kind of span."""
    return [*SEED_FILES.values(), HTML_PAGE, PDF_FILE]


@pytest.fixture(scope="module")
def json_run(inputs, cache):
    _, out, _ = reportlint(*inputs, "--format", "json", cache=cache)
    return json.loads(out)["files"]


# -- the whole text reaches only the reporters that ask for it ------------------------------------


def test_whole_text_is_kept_only_when_asked_and_survives_the_cache(tmp_path):
    from reportlint.engine import Config
    from reportlint.engine.batch import Task, check_file

    path = str(SEED_FILES["chaiqiao"])
    lean = check_file(Task(path, Config(preview=True), None, False))
    assert lean.source_text is None and lean.source_lines
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
        first = check_file(Task(path, Config(preview=True), None, True, keep_text=True))
        assert check_file(Task(path, Config(preview=True), None, True)).source_text is None  # hit, without the text
        again = check_file(Task(path, Config(preview=True), None, True, keep_text=True))
    assert again.metadata.get("cached") and not first.metadata.get("cached")
    assert first.source_text.text == again.source_text.text == Path(path).read_text(encoding="utf-8")
    assert again.findings == first.findings


def test_a_web_pages_spans_are_mapped_onto_its_visible_text():
    from reportlint.engine import Config
    from reportlint.engine.batch import Task, check_file

    result = check_file(Task(str(HTML_PAGE), Config(), None, False, keep_text=True))
    page = HTML_PAGE.read_text(encoding="utf-8")
    text = result.source_text
    assert text.kind == "html" and "<" not in text.text[:2000] and result.findings
    for finding in result.findings:
        start, end = text.offsets(finding.span)
        shown = text.text[start:end].strip()
        in_page = html.unescape(re.sub(r"<[^>]*>", "", page[finding.span.start : finding.span.end])).strip()
        assert shown and shown == in_page


# -- the HTML report, as data (the browser test looks at it as a person does) ---------------------


@pytest.fixture(scope="module")
def html_report(inputs, cache, tmp_path_factory):
    output = tmp_path_factory.mktemp("html") / "检查结果.html"
    code, _, _ = reportlint(*inputs, "--format", "html", "-o", output, cache=cache)
    assert code == 1
    return output.read_text(encoding="utf-8")


def _page_data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="rl-data">(.*?)</script>', page, re.S).group(1))


def test_html_report_fetches_nothing(html_report):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html_report)
    assert "<link" not in html_report and "@import" not in html_report and "url(" not in html_report
    assert "default-src 'none'" in html_report


def test_html_report_counts_equal_the_json_output(html_report, json_run):
    cards = dict(re.findall(r'data-count="(\w+)"><b>(\d+)</b>', html_report))
    severities = Counter(f["severity"] for file in json_run for f in file["findings"])
    assert int(cards["files"]) == len(json_run)
    assert int(cards["unreadable"]) == sum(1 for file in json_run if file["error"])
    assert int(cards["with_findings"]) == sum(1 for file in json_run if file["findings"] and not file["error"])
    for severity in ("error", "warning", "info"):
        assert int(cards[severity]) == severities[severity]
    categories = Counter(f["category"] for file in json_run for f in file["findings"])
    chart = re.search(r'data-chart="category".*?</figure>', html_report, re.S).group(0)
    assert {key: int(value) for key, value in re.findall(r'data-key="(\w+)" data-value="(\d+)"', chart)} == categories
    data = _page_data(html_report)
    assert [[f[3], f[6], f[7]] for f in data["findings"]] == [
        [f["code"], f["line"], f["message"]] for file in json_run for f in file["findings"]]


def test_each_finding_is_marked_at_its_span_in_the_report_view(html_report, json_run):
    for index, file in enumerate(json_run):
        view = re.search(rf'<script type="text/html" id="view-{index}">(.*?)</script>', html_report, re.S).group(1)
        lines = Path(file["path"]).read_text(encoding="utf-8").splitlines() if file["path"].endswith(".txt") else None
        for number, finding in enumerate(file["findings"]):
            assert f'id="n-{index}-{number}"' in view  # its note
            if finding["line"] is None:
                continue
            assert f'id="m-{index}-{number}"' in view
            marked = "".join(html.unescape(re.sub(r"<[^>]*>", "", piece))
                             for piece in re.findall(rf'<mark class="[^"]*\bk{number}\b[^"]*">(.*?)</mark>', view))
            if lines and finding["end_line"] == finding["line"] and finding["end_column"] > finding["column"]:
                line = lines[finding["line"] - 1]
                assert marked == line[finding["column"] - 1 : finding["end_column"] - 1]


def test_html_report_in_english(cache, tmp_path):
    output = tmp_path / "results.html"
    reportlint(SEED_FILES["chaiqiao"], "--format", "html", "--lang", "en", "-o", output, cache=cache)
    page = output.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "files checked" in page and "检查的文件" not in page


# -- the workbook --------------------------------------------------------------------------------


def test_workbook_matches_the_json_output_cell_by_cell(inputs, json_run, cache, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    output = tmp_path / "检查结果.xlsx"
    code, _, _ = reportlint(*inputs, "--format", "xlsx", "-o", output, cache=cache)
    assert code == 1
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == ["概况", "文件", "问题"]
    files, findings = book["文件"], book["问题"]
    assert files.freeze_panes == findings.freeze_panes == "A2"
    assert findings.auto_filter.ref == f"A1:N{1 + sum(len(file['findings']) for file in json_run)}"
    header = [cell.value for cell in findings[1]]
    assert header[:10] == ["文件", "机关", "年度", "代码", "规则", "类别", "级别", "说明", "位置", "行"]
    words = {"error": "错误", "warning": "警告", "info": "提示"}
    rows = findings.iter_rows(min_row=2, values_only=True)
    for file in json_run:
        for finding in file["findings"]:
            row = dict(zip(header, next(rows)))
            assert row["文件"] == file["path"] and row["年度"] == file["year"] and row["机关"] == (file["agency"] or "—")
            assert (row["代码"], row["规则"], row["级别"]) == (finding["code"], finding["rule"], words[finding["severity"]])
            assert (row["说明"], row["行"], row["建议"]) == (finding["message"], finding["line"], finding["suggestion"])
            assert json.loads(row["依据"] or "{}") == json.loads(json.dumps(finding["evidence"]))
    assert next(rows, None) is None
    file_rows = list(files.iter_rows(min_row=2, values_only=True))
    assert [(row[0], row[4], row[5], row[6]) for row in file_rows] == [
        (file["path"], *(sum(1 for f in file["findings"] if f["severity"] == s) for s in ("error", "warning", "info")))
        for file in json_run]
    overview = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if row[0]}
    assert overview["检查的文件"] == len(json_run)
    assert overview["错误"] == sum(1 for file in json_run for f in file["findings"] if f["severity"] == "error")


def test_a_workbook_is_not_written_to_a_terminal_or_without_its_library(monkeypatch):
    from reportlint.reporting.xlsx import XlsxReporter

    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    assert "reportlint[xlsx]" in XlsxReporter.unavailable()


# -- the export ----------------------------------------------------------------------------------


def _parse_cells(path, cache) -> list[tuple]:
    _, out, _ = reportlint("parse", path, "--format", "json", cache=cache)
    model = json.loads(out)
    return [(table["table"], table["container"], *cell["key"].split("/", 1)[1].rsplit("/", 1), cell["raw"], cell["kind"],
             cell["value"], cell["span"]["line"]) for table in model["tables"] for cell in table["cells"]]


def test_export_csv_is_every_bound_cell_of_reportlint_parse(inputs, cache, tmp_path):
    output = tmp_path / "cells.csv"
    code, _, err = reportlint("export", *inputs, "-o", output, cache=cache)
    assert code == 0, err
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel and WPS read it as UTF-8
    with open(output, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == ["file", "agency", "year", "template", "table", "container", "row", "column", "label",
                             "raw", "kind", "value", "unit", "line"]
    for path in inputs:
        mine = [(r["table"], r["container"], r["row"], r["column"], r["raw"], r["kind"],
                 None if r["value"] == "" else float(r["value"]), int(r["line"])) for r in rows if r["file"] == str(path)]
        expected = [(*cell[:6], None if cell[6] is None else float(cell[6]), cell[7]) for cell in _parse_cells(path, cache)]
        assert mine == expected and mine
    chaiqiao = [r for r in rows if r["file"] == str(SEED_FILES["chaiqiao"])]
    assert {r["year"] for r in chaiqiao} == {"2020"} and {r["template"] for r in chaiqiao} == {"2019"}
    labels = {(r["row"], r["label"]) for r in chaiqiao if r["table"] == "applications"}
    assert ("outcome.unavailable.not_held", "1.本机关不掌握相关政府信息") in labels
    assert {r["unit"] for r in chaiqiao if r["table"] == "proactive" and r["column"] == "amount"} == {"万元"}


def test_export_parquet_has_the_same_rows_as_the_csv(cache, tmp_path):
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
    reportlint("export", *SEED_FILES.values(), "-o", tmp_path / "cells.csv", cache=cache)
    code, _, err = reportlint("export", *SEED_FILES.values(), "-o", tmp_path / "cells.parquet", cache=cache)
    assert code == 0, err
    table = pyarrow_parquet.read_table(tmp_path / "cells.parquet").to_pylist()
    with open(tmp_path / "cells.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(table) == len(rows) > 500
    for mine, theirs in zip(table, rows):
        assert {key: "" if value is None else value for key, value in mine.items()} == {
            **theirs, "year": int(theirs["year"]), "line": int(theirs["line"]),
            "value": "" if theirs["value"] == "" else float(theirs["value"])}


def test_export_names_a_bad_file_and_goes_on(cache, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = reportlint("export", empty, SEED_FILES["chaiqiao"], cache=cache)
    assert code == 2 and f"{empty}: 文件为空" in err and len(err.strip().splitlines()) == 1
    assert out.count(str(SEED_FILES["chaiqiao"])) > 100


# -- the baseline --------------------------------------------------------------------------------


def test_baseline_reports_only_new_findings_across_edits(tmp_path, cache):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("chengyue", "chaiqiao"):
        (folder / f"{name}.txt").write_text(SEED_FILES[name].read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, _, err = reportlint(folder, "--baseline", baseline, cache=cache)
    assert code == 2 and "--update-baseline" in err  # none yet: say how to make one
    _, before, _ = reportlint(folder, "--format", "json", cache=cache)
    total = sum(len(file["findings"]) for file in json.loads(before)["files"])
    code, out, _ = reportlint(folder, "--baseline", baseline, "--update-baseline", cache=cache)
    assert code == 0 and f"基线已屏蔽 {total} 个问题" in out
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert set(recorded["files"]) == {"reports/chengyue.txt", "reports/chaiqiao.txt"}
    assert sum(entry["count"] for rules in recorded["files"].values() for entry in rules.values()) == total

    # Lines move (a preamble added) and one number in a sentence changes: only that is new.
    report = folder / "chengyue.txt"
    text = report.read_text(encoding="utf-8")
    assert "采购项目52个" in text
    report.write_text("说明：本报告已修订。\n\n" + text.replace("采购项目52个", "采购项目53个", 1), encoding="utf-8")
    code, out, err = reportlint(folder, "--baseline", baseline, "--format", "json", cache=cache)
    files = json.loads(out)["files"]
    new = [f for file in files for f in file["findings"]]
    assert code == 1 and [f["code"] for f in new] == ["RL501"] and "53个" in new[0]["message"]
    assert sum(file.get("suppressed", 0) for file in files) == total - 1
    assert "1 recorded finding(s) no longer occur" in err

    # Accepting drops what no longer occurs; a fixed report leaves the baseline.
    report.write_text(text, encoding="utf-8")
    (folder / "chaiqiao.txt").write_text("\n".join(["二〇二〇年度政府信息公开工作年度报告"] * 3), encoding="utf-8")
    reportlint(folder, "--baseline", baseline, "--update-baseline", cache=cache)
    after = json.loads(baseline.read_text(encoding="utf-8"))["files"]
    assert after["reports/chengyue.txt"] == recorded["files"]["reports/chengyue.txt"]
    assert "reports/chaiqiao.txt" in after  # not checkable now: its entry is kept
    (folder / "chaiqiao.txt").unlink()
    reportlint(folder, "--baseline", baseline, "--update-baseline", cache=cache)
    assert set(json.loads(baseline.read_text(encoding="utf-8"))["files"]) == {"reports/chengyue.txt"}


def test_a_damaged_baseline_is_a_one_line_error(tmp_path, cache):
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json", encoding="utf-8")
    code, out, err = reportlint(SEED_FILES["chaiqiao"], "--baseline", baseline, cache=cache)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "基线文件无效" in err
    code, _, err = reportlint(SEED_FILES["chaiqiao"], "--update-baseline", cache=cache)
    assert code == 2 and "--baseline" in err


def test_the_other_location_of_a_cross_report_finding_is_shown(tmp_path):
    """A finding that names another place (last year's report, another cell of this one): the
    HTML view links to it and marks a place in the same file; the workbook names it."""
    import io

    from reportlint.findings import FileResult, Finding, Location, Message, Related, Severity, SourceText
    from reportlint.reporting.html import HtmlReporter
    from reportlint.reporting.xlsx import XlsxReporter
    from reportlint.source import Span

    text = "表三\n本年新收\t5\n上年结转\t3\n"
    finding = Finding(
        "RL999", "carried-over-mismatch", "consistency", Severity.WARNING,
        Message("上年结转 3 与去年报告的结转下年度 4 不一致", "carried over 3, last year's report says 4"),
        Span(15, 16, 3, 6, 3, 7), Location("applications", "applications", "carried_over", "total"), {}, None, "2021.txt",
        related=(Related("2020.txt", Span(40, 41, 9, 8, 9, 9), Message("去年的结转下年度", "last year's carry-forward")),
                 Related(None, Span(8, 9, 2, 6, 2, 7), Message("本年新收", "new this year"))))
    results = [FileResult("2021.txt", [finding], source_lines={3: "上年结转\t3"}, source_text=SourceText(text)),
               FileResult("2020.txt", [], source_text=SourceText("表三\n" * 9))]
    page = io.StringIO()
    HtmlReporter(page).report(results)
    view = re.search(r'id="view-0">(.*?)</script>', page.getvalue(), re.S).group(1)
    assert 'data-line="9" data-path="2020.txt"' in view and "2020.txt:9" in view and "去年的结转下年度" in view
    assert 'data-rel="r-0-0-1"' in view and re.search(r'<a class="anchor" id="r-0-0-1"></a><mark class="rel">5</mark>', view)
    assert re.search(r'<mark class="s-warning k0">3</mark>', view)
    openpyxl = pytest.importorskip("openpyxl")
    with open(tmp_path / "book.xlsx", "wb") as stream:
        XlsxReporter(stream).report(results)
    row = [cell.value for cell in openpyxl.load_workbook(tmp_path / "book.xlsx")["问题"][2]]
    assert row[-1] == "2020.txt:9 去年的结转下年度; 第2行 本年新收"
    assert row[10] == "3"  # the text at the place
