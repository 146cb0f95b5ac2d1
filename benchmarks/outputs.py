"""The reviewers' and researchers' outputs on a folder of reports made from the seeds (2,000 by
default): time, peak memory and size of the HTML report, the workbook and the export, and how
the HTML report behaves in Chromium (load, filters, opening a report).

    python benchmarks/outputs.py              # 2,000 reports
    python benchmarks/outputs.py --reports 200

Figures, not assertions. Needs the test extra (playwright, openpyxl) and /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ENV, REPORTLINT, line, make_corpus, run_child  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# Run in the page: each action, then a forced layout, timed with the page's own clock.
_TIMED = """async (action) => {
  const start = performance.now();
  action === 'severity' ? (() => { const s = document.querySelector('select[data-filter=severity]'); s.value = 'error'; s.dispatchEvent(new Event('change')); })()
  : action === 'text' ? (() => { const i = document.querySelector('#findings input[data-filter=text]'); i.value = '表三'; i.dispatchEvent(new Event('input')); })()
  : action === 'reset' ? document.querySelector('#findings button.reset').click()
  : action === 'sort' ? document.querySelector('#files th[data-col=error]').click()
  : (() => { location.hash = action; window.dispatchEvent(new HashChangeEvent('hashchange')); })();
  document.body.offsetHeight;
  await new Promise(requestAnimationFrame);
  return performance.now() - start;
}"""


def outputs(folder: Path, scratch: Path) -> Path:
    print(f"Writing the outputs ({len(list(folder.iterdir()))} reports, --jobs 2, a warm result cache)")
    env = {**ENV, "REPORTLINT_CACHE_DIR": str(scratch / "cache")}
    run_child([REPORTLINT, str(folder), "--format", "json", "-o", os.devnull], env)  # fills the result cache
    report = scratch / "report.html"
    for name, command, target in (
        ("json (for comparison)", [REPORTLINT, str(folder), "--format", "json", "-o", str(scratch / "r.json")], scratch / "r.json"),
        ("html, first run (whole texts cached too)", [REPORTLINT, str(folder), "--format", "html", "-o", str(report)], report),
        ("html, cache warm", [REPORTLINT, str(folder), "--format", "html", "-o", str(report)], report),
        ("xlsx", [REPORTLINT, str(folder), "--format", "xlsx", "-o", str(scratch / "r.xlsx")], scratch / "r.xlsx"),
        ("export csv", [REPORTLINT, "export", str(folder), "-o", str(scratch / "cells.csv")], scratch / "cells.csv"),
        ("export parquet", [REPORTLINT, "export", str(folder), "-o", str(scratch / "cells.parquet")], scratch / "cells.parquet"),
    ):
        elapsed, peak = run_child(command, env)
        size = target.stat().st_size / 1024 / 1024
        line(name, f"{elapsed:.1f} s, {peak} MB, {size:.1f} MB", "", None)
    return report


def in_browser(report: Path, repeats: int) -> None:
    from playwright.sync_api import sync_playwright

    print(f"The HTML report in Chromium (median of {repeats})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        loads, timings = [], {}
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(report.as_uri(), wait_until="load")
            loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            for action in ("severity", "reset", "text", "reset", "sort", "#f-1999-0", "#f-1000-1", "#findings"):
                timings.setdefault(action, []).append(page.evaluate(_TIMED, action))
            heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0") / 1024 / 1024
            page.close()
        browser.close()
    line("page loaded (load event)", f"{statistics.median(loads):.0f} ms", "", None)
    names = {"severity": "filter: severity = error", "text": "filter: free text", "reset": "filters cleared",
             "sort": "files sorted by errors", "#f-1999-0": "open the last report at a finding",
             "#f-1000-1": "open another report", "#findings": "back to the tables"}
    for action, values in timings.items():
        line(names[action], f"{statistics.median(values):.0f} ms", "", None)
    line("JavaScript heap after use", f"{heap:.0f} MB", "", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        folder = scratch / "corpus"
        folder.mkdir()
        make_corpus(folder, args.reports)
        report = outputs(folder, scratch)
        print()
        if os.path.exists(CHROMIUM):
            in_browser(report, args.repeats)
        else:
            print(f"no Chromium at {CHROMIUM}: the page was not measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
