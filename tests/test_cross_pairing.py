"""Pairing: which reports are one agency's in consecutive years, on real names and small
reports; the command line's --previous, output formats and the cache on real series."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from test_cli import run

from reportlint.engine import Config
from reportlint.engine.pairing import Entry, agency_names, check_reports, check_texts, group, same_agency
from reportlint.rules.cross.examples import applications, normative_2021
from reportlint.rules.cross.summary import ReportSummary

ROOT = Path(__file__).resolve().parents[1]
SERIES = ROOT / "tests" / "fixtures" / "series"
CORPUS = ROOT / "tests" / "corpus"


@pytest.mark.parametrize("key, bucket, name", [
    ("淮安市洪泽区政府", "洪泽区", "淮安市洪泽区"),  # the 2024 report's title
    ("洪泽区政府", "洪泽区", "洪泽区"),  # the 2023 report's
    ("平潭综合实验区管委会", "平潭综合实验区", "平潭综合实验区"),  # a zone reports as itself or as its 管委会
    ("平潭综合实验区财政金融局", "平潭综合实验区财政金融局", "平潭综合实验区财政金融局"),
    ("平潭综合实验区海坛片区管理局", "海坛片区管理局", "平潭综合实验区海坛片区管理局"),
    ("上海市政府办公厅", "上海市政府办公厅", "上海市政府办公厅"),  # the office is not the government
    ("南京市市场监督管理局", "南京市市场监督管理局", "南京市市场监督管理局"),  # 市场 is not a place
    ("淮安市政府", "淮安市", "淮安市"),
])
def test_agency_names(key, bucket, name):
    assert agency_names(key) == (bucket, name)


def test_same_agency_only_with_places_above():
    assert same_agency("淮安市洪泽区", "洪泽区")
    assert not same_agency("淮安市洪泽区", "泽区")
    assert not same_agency("南京市鼓楼区", "福州市鼓楼区")


def summary(key: str | None, year: int | None, path: str) -> ReportSummary:
    return ReportSummary(path, key, key, (), year, "2021", None, None, "", {}, (), {})


def test_grouping_pairs_consecutive_years_and_says_what_it_could_not_pair():
    reports = [summary("洪泽区政府", 2023, "a"), summary("淮安市洪泽区政府", 2024, "b"),  # paired, not surely
               summary("平潭综合实验区", 2021, "c"), summary("平潭综合实验区管委会", 2022, "d"),  # paired, surely
               summary("某镇政府", 2020, "e"), summary("某镇政府", 2022, "f"),  # a year between: no pair
               summary("西桥街道", 2022, "g"), summary("西桥街道", 2022, "h"), summary("西桥街道", 2023, "i"),
               summary(None, 2022, "j")]
    batch, status = group([Entry(report, False) for report in reports])
    pairs = {(pair.previous.path, pair.current.path): pair.certain for pair in batch.pairs}
    assert pairs == {("a", "b"): False, ("c", "d"): True}
    by_path = {report.path: status[id(report)] for report in reports}
    assert by_path == {"a": "no-previous", "b": "paired", "c": "no-previous", "d": "paired", "e": "no-previous",
                       "f": "no-previous", "g": "duplicate", "h": "duplicate", "i": "duplicate-previous",
                       "j": "unidentified"}
    assert [[report.path for report in group] for group in batch.duplicates] == [["g", "h"]]


def test_a_short_name_two_bodies_could_bear_is_not_guessed():
    reports = [summary("南京市鼓楼区政府", 2021, "a"), summary("福州市鼓楼区政府", 2021, "b"), summary("鼓楼区政府", 2022, "c")]
    batch, status = group([Entry(report, False) for report in reports])
    assert not batch.pairs and status[id(reports[2])] == "no-previous"


def test_last_years_reports_are_only_compared_with():
    reports = [Entry(summary("某局", 2022, "last"), True), Entry(summary("某局", 2023, "this"), False)]
    batch, status = group(reports)
    assert [pair.previous.path for pair in batch.pairs] == ["last"]
    assert id(reports[0].summary) not in status and batch.references == (reports[0].summary,)


def test_a_finding_sits_in_the_later_report_whatever_the_order():
    texts = [("2023.txt", normative_2021(2023, issued=5, repealed=2, in_force=5)),
             ("2022.txt", normative_2021(2022, issued=8, repealed=0, in_force=8))]
    results = check_texts(texts, Config(select=["RL802"]))
    assert [len(result.findings) for result in results] == [1, 0]
    (finding,) = results[0].findings
    assert finding.path == "2023.txt" and finding.related[0].path == "2022.txt"
    assert finding.evidence["found"] == "5" and finding.evidence["expected"] == "11"
    assert results[0].metadata["previous"] == "2022.txt" and results[1].metadata["pairing"] == "no-previous"


def test_carry_over_is_an_error_only_when_the_agency_surely_matches():
    before = applications(2021, "3 0 0 0 0 0 3", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1", "1 0 0 0 0 0 1", "2 0 0 0 0 0 2",
                          agency="淮安市洪泽区人民政府")
    after = applications(2022, "4 0 0 0 0 0 4", "1 0 0 0 0 0 1", "5 0 0 0 0 0 5", "5 0 0 0 0 0 5", "0 0 0 0 0 0 0",
                         agency="{}")
    config = Config(select=["RL801"], preview=True)
    sure = check_texts([("a.txt", before), ("b.txt", after.format("淮安市洪泽区人民政府"))], config)[1].findings
    likely = check_texts([("a.txt", before), ("b.txt", after.format("洪泽区人民政府"))], config)[1].findings
    assert {f.severity.value for f in sure} == {"error"} and {f.severity.value for f in likely} == {"warning"}
    assert {f.evidence["agency_match"] for f in likely} == {"likely"}


def test_the_table_2_stock_is_not_compared_across_the_change_of_format(tmp_path):
    """2020's 对外公开总数量 counts something else than 2021's 现行有效件数 (X-004)."""
    paths = [str(SERIES / "pingtan-caijin-2020-crawler.txt"), str(SERIES / "pingtan-caijin-2021-crawler.txt")]
    results, _ = check_reports(paths, config=Config(select=["RL802"]), use_cache=False)
    assert results[1].metadata["pairing"] == "paired" and not results[1].findings


def series_folders(tmp_path) -> tuple[Path, Path]:
    last, this = tmp_path / "2022", tmp_path / "2023"
    last.mkdir()
    this.mkdir()
    shutil.copy(CORPUS / "pingtan-caijin-2022-crawler.txt", last / "caijin.txt")
    shutil.copy(SERIES / "pingtan-gaj-2021-crawler.txt", last / "gaj-2021.txt")
    shutil.copy(CORPUS / "pingtan-caijin-2023-crawler.txt", this / "caijin.txt")
    shutil.copy(SERIES / "pingtan-gaj-2022-crawler.txt", this / "gaj-2022.txt")
    return last, this


def test_previous_reports_are_compared_with_but_not_checked(tmp_path):
    last, this = series_folders(tmp_path)
    code, out, _ = run(this, "--previous", last, "--format", "json", "--no-cache")
    files = {Path(entry["path"]).name: entry for entry in json.loads(out)["files"]}
    assert set(files) == {"caijin.txt", "gaj-2022.txt"} and code == 1
    assert files["gaj-2022.txt"]["previous"].endswith("gaj-2021.txt") and files["caijin.txt"]["pairing"] == "paired"
    assert files["caijin.txt"]["agency"] == "平潭综合实验区财政金融局"
    codes = {f["code"] for f in files["gaj-2022.txt"]["findings"]}
    assert "RL802" in codes  # 2 + 4 − 1 ≠ 7
    code, out, _ = run(this, "--previous", last, "--previous", tmp_path / "missing", "--no-cache")
    assert code == 2 and "missing: 无法检查: 文件不存在" in out  # named, the other reports still checked
    assert "gaj-2022.txt" in out


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_every_format_shows_both_locations(tmp_path, output_format):
    last, this = series_folders(tmp_path)
    _, out, _ = run(this / "gaj-2022.txt", "--previous", last / "gaj-2021.txt", "--select", "RL802",
                    "--format", output_format, "--no-cache")
    assert "gaj-2022.txt" in out and "gaj-2021.txt" in out
    if output_format == "sarif":
        (result,) = json.loads(out)["runs"][0]["results"]
        assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("gaj-2021.txt")
        assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_a_rerun_parses_again_only_the_report_that_changed(tmp_path, monkeypatch):
    """…and checks again only the pairs that report is in."""
    from reportlint.rules.cross.copied_from_last_year import CopiedFromLastYear

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    checked = []
    original = CopiedFromLastYear.check_pair
    monkeypatch.setattr(CopiedFromLastYear, "check_pair",
                        lambda self, pair, ctx: checked.append(Path(pair.current.path).name) or original(self, pair, ctx))
    last, this = series_folders(tmp_path)
    paths = [str(this / "caijin.txt"), str(this / "gaj-2022.txt")]
    previous = [str(last / "caijin.txt"), str(last / "gaj-2021.txt")]
    first, _ = check_reports(paths, previous, Config(select=["RL802", "RL805"]))
    assert not any(result.metadata.get("cached") for result in first)
    assert sorted(checked) == ["caijin.txt", "gaj-2022.txt"]
    checked.clear()
    changed = this / "gaj-2022.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("行政规范性文件417", "行政规范性文件415"), encoding="utf-8")
    second, _ = check_reports(paths, previous, Config(select=["RL802", "RL805"]))
    assert [bool(result.metadata.get("cached")) for result in second] == [True, False]
    assert checked == ["gaj-2022.txt"]  # the 财政金融局 pair came from the cache, findings and all
    assert [f.code for f in first[1].findings] == ["RL802"] and not second[1].findings  # 2 + 4 − 1 = 5 now holds
    assert [f.code for f in second[0].findings] == [f.code for f in first[0].findings] == ["RL805", "RL805"]
