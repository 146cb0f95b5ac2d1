"""The HTML report in a real browser, used as a reviewer uses it: the distribution's Chromium
driven by Playwright (never Playwright's own browser download). Screenshots of the overview and
of a report's view are written to build/test-artifacts/ (or $REPORTLINT_ARTIFACTS).

Without a browser these tests skip, except where REPORTLINT_REQUIRE_BROWSER=1 (CI sets it): there
a missing browser fails them."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED_FILES
from test_cli import run

CHROMIUM = os.environ.get("REPORTLINT_CHROMIUM", "/usr/bin/chromium")
# As root and on a closed network: no sandbox, and none of the background calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("REPORTLINT_ARTIFACTS") or Path(__file__).resolve().parents[1] / "build" / "test-artifacts")
INPUTS = [*SEED_FILES.values(), FIXTURES / "corpus" / "pingtan-2021.html", FIXTURES / "corpus" / "hongze-2023.pdf"]


def _no_browser(reason: str):
    if os.environ.get("REPORTLINT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"a browser is required here (REPORTLINT_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("playwright is not installed")
    if not os.path.exists(CHROMIUM):
        _no_browser(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    env = {"REPORTLINT_CACHE_DIR": str(folder / "cache")}
    # Every rule, preview ones included: a page with findings of every severity to filter.
    code, _, err = run(*INPUTS, "--format", "html", "-o", folder / "检查结果.html", "--preview", env=env)
    assert code == 1, err
    _, out, _ = run(*INPUTS, "--format", "json", "--preview", env=env)
    return folder / "检查结果.html", json.loads(out)["files"]


@pytest.fixture
def page(browser, report):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if not request.url.startswith(("file:", "data:")) else None)
    page.goto(report[0].as_uri())
    page.wait_for_selector("#findings-table tbody tr")
    yield page
    assert problems == [], problems  # no console errors, whatever the test did
    assert requests == []  # and nothing fetched
    page.close()


def _shown(page, table: str) -> tuple[int, int]:
    text = page.locator(f"#{table} .shown").inner_text()
    shown, total = map(int, re.findall(r"\d+", text))
    return shown, total


def test_overview_counts_equal_the_json_output(page, report):
    files = report[1]
    cards = {element.get_attribute("data-count"): int(element.locator("b").inner_text())
             for element in page.locator(".card").all()}
    severities = Counter(f["severity"] for file in files for f in file["findings"])
    assert cards["files"] == len(files)
    assert cards["unreadable"] == sum(1 for file in files if file["error"])
    assert cards["with_findings"] == sum(1 for file in files if file["findings"] and not file["error"])
    assert {key: cards[key] for key in ("error", "warning", "info")} == {key: severities[key] for key in ("error", "warning", "info")}
    total = sum(severities.values())
    assert _shown(page, "findings") == (total, total)
    assert page.locator("#findings-table tbody tr").count() == min(total, 100)
    assert _shown(page, "files") == (len(files), len(files))
    for chart in ("category", "rule", "agency"):
        assert page.locator(f'.chart[data-chart="{chart}"] svg g.bar').count() >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-overview.png"), full_page=True)


def test_filters_change_the_visible_rows(page, report):
    files = report[1]
    findings = [f for file in files for f in file["findings"]]
    total = len(findings)
    errors = sum(1 for f in findings if f["severity"] == "error")
    page.select_option('select[data-filter="severity"]', "error")
    assert _shown(page, "findings") == (errors, total)
    badges = page.locator("#findings-table tbody .badge").all_inner_texts()
    assert badges and set(badges) == {"错误"}
    page.select_option('select[data-filter="severity"]', "")
    rule = Counter(f["code"] for f in findings).most_common(1)[0]
    page.select_option('select[data-filter="rule"]', rule[0])
    assert _shown(page, "findings") == (rule[1], total)
    assert set(page.locator("#findings-table tbody abbr").all_inner_texts()) == {rule[0]}
    page.select_option('select[data-filter="category"]', "privacy")  # the two filters together
    both = sum(1 for f in findings if f["code"] == rule[0] and f["category"] == "privacy")
    assert _shown(page, "findings")[0] == both
    page.click("#findings button.reset")
    assert _shown(page, "findings") == (total, total)
    page.fill('#findings input[data-filter="text"]', "手机")
    phone = sum(1 for f in findings if "手机" in f["message"])
    assert 0 < phone < total and _shown(page, "findings") == (phone, total)
    page.fill('#findings input[data-filter="text"]', "")
    # The agency filter lists each agency with findings, as the reports name it, and its count.
    by_agency = Counter()
    for file in files:
        by_agency[file["agency"] or "未知"] += len(file["findings"])
    options = page.locator('select[data-filter="agency"] option').all_inner_texts()
    assert sorted(options[1:]) == sorted(f"{agency} ({count})" for agency, count in by_agency.items() if count)
    # The files table sorts by a click on a header.
    page.click('#files th[data-col="error"]')
    first = page.locator("#files-table tbody tr").first.locator("td").nth(4).inner_text()
    assert int(first) == max(sum(1 for f in file["findings"] if f["severity"] == "error") for file in files)


def test_a_click_on_a_finding_scrolls_to_its_marked_span(page, report):
    files = report[1]
    # The last finding of the first file that has one at a line far down the report.
    index, file = next((i, file) for i, file in enumerate(files) if any((f["line"] or 0) > 100 for f in file["findings"]))
    number = max(n for n, f in enumerate(file["findings"]) if (f["line"] or 0) > 100)
    page.select_option('select[data-filter="rule"]', file["findings"][number]["code"])
    page.locator(f'#findings-table a.to[href="#f-{index}-{number}"]').click()
    assert page.locator("#view").is_visible() and not page.locator("#main").is_visible()
    anchor = page.locator(f"#m-{index}-{number}")
    marks = page.locator(f"#view mark.k{number}")
    assert marks.count() >= 1 and "flash" in (marks.first.get_attribute("class") or "")
    box, height = marks.first.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] <= height, "the marked span is in view"
    assert page.evaluate("window.scrollY") > 0 and anchor.count() == 1
    note = page.locator(f"#n-{index}-{number}")
    assert file["findings"][number]["message"] in note.inner_text()
    page.screenshot(path=str(ARTIFACTS / "html-file-view.png"))
    # Back to the overview, where the filter chosen is still in force.
    page.click("#view a.back")
    page.wait_for_selector("#main", state="visible")
    assert page.locator('select[data-filter="rule"]').input_value() == file["findings"][number]["code"]
