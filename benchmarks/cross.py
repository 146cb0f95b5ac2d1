"""Cross-report figures for benchmarks/run.py: pairing and the cross-report rules against the
number of reports, and a batch over several years run again with one report changed.

    python benchmarks/cross.py            # on its own: 2,000 reports
    python benchmarks/cross.py --quick
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import ENV, REPORTLINT, line, run_child  # noqa: E402

# One agency's real reports on four consecutive years (平潭 财政金融局, crawler text): each copy
# renamed into another agency keeps its pairs, its carry-over and its copied sections.
SERIES = [ROOT / "tests" / "corpus" / "pingtan-caijin-2022-crawler.txt",
          ROOT / "tests" / "corpus" / "pingtan-caijin-2023-crawler.txt",
          ROOT / "tests" / "fixtures" / "series" / "pingtan-caijin-2024-crawler.txt",
          ROOT / "tests" / "corpus" / "pingtan-caijin-2025-crawler.txt"]


def renamed(text: str, index: int) -> str:
    return text.replace("财政金融局", f"第{index}局").replace("财政全融局", f"第{index}局")


def make_batch(folder: Path, count: int) -> list[Path]:
    """``count`` reports: ``count / 4`` agencies, each with its four years, a folder a year."""
    texts = [path.read_text(encoding="utf-8") for path in SERIES]
    paths = []
    for year, text in zip(range(2022, 2026), texts):
        (folder / str(year)).mkdir(parents=True, exist_ok=True)
    for index in range(count // len(texts)):
        for year, text in zip(range(2022, 2026), texts):
            path = folder / str(year) / f"{index:05d}.txt"
            path.write_text(renamed(text, index), encoding="utf-8")
            paths.append(path)
    return paths


def pairing_scaling(sizes: list[int]) -> None:
    """Grouping, pairing and every cross-report rule (preview ones included) on summaries, in
    one process: time per report stays flat as the run grows."""
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.engine import Config, Linter
    from reportlint.engine.linter import read_source
    from reportlint.engine.pairing import Entry, cross_check
    from reportlint.rules.cross.summary import ReportSummary, summarise

    print("Pairing and cross-report rules on summaries (one process; every agency copies its text, the worst case "
          "for the copy checks)")
    linter = Linter(Config(preview=True))
    bases = [summarise(linter.bind(read_source(path))).to_json() for path in SERIES]
    base_time = None
    for size in sizes:
        entries = []
        for index in range(size // len(bases)):
            for data in bases:
                text = renamed(json.dumps(data, ensure_ascii=False), index)
                entries.append(Entry(ReportSummary.from_json(json.loads(text)), False))
        start = time.perf_counter()
        outcome = cross_check(entries, linter)
        elapsed = time.perf_counter() - start
        per = elapsed / len(entries) * 1000
        base_time = base_time or per
        line(f"{len(entries)} reports: {len(outcome.findings)} findings", f"{elapsed * 1000:.0f} ms ({per:.2f} ms/report)",
             "linear", None if size == sizes[0] else per <= base_time * 1.5)


def rerun(count: int, jobs: int) -> None:
    """The command line on ``count`` reports over four years (reportlint 2022/ 2023/ 2024/ 2025/):
    cold, again unchanged, again with one report changed."""
    print(f"A batch over four years, {count} reports (reportlint 2022/ … 2025/, --jobs {jobs}, result cache on)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "reports"
        paths = make_batch(folder, count)
        env = {**ENV, "REPORTLINT_CACHE_DIR": str(Path(scratch) / "cache")}
        command = [REPORTLINT, *(str(folder / str(year)) for year in range(2022, 2026)), "--jobs", str(jobs),
                   "--format", "json", "--output", str(Path(scratch) / "out.json")]
        cold, peak = run_child(command, env)
        cold_out = json.loads((Path(scratch) / "out.json").read_text(encoding="utf-8"))
        paired = sum(1 for entry in cold_out["files"] if entry.get("pairing") == "paired")
        cross = sum(1 for entry in cold_out["files"] for finding in entry["findings"] if finding["code"].startswith("RL8"))
        line("cold: wall time", f"{cold:.1f} s = {len(paths) / cold:.0f} files/s", "", None)
        line("cold: peak memory", f"{peak} MB", "", None)
        line("reports paired with last year's", f"{paired} of {len(paths)}", f"{len(paths) * 3 // 4}", paired == len(paths) * 3 // 4)
        line("cross-report findings", f"{cross}", "", None)
        again, _ = run_child(command, env)
        line("again, nothing changed (from the cache)", f"{again:.2f} s", "", None)
        changed = paths[len(paths) // 2]
        text = changed.read_text(encoding="utf-8")
        changed.write_text(re.sub(r"行政规范性文件(\d)", lambda m: f"行政规范性文件{(int(m.group(1)) + 1) % 10}", text, count=1),
                           encoding="utf-8")
        one, _ = run_child(command, env)
        line("again, one report changed", f"{one:.2f} s", "≪ cold", one < cold / 3)
        after = json.loads((Path(scratch) / "out.json").read_text(encoding="utf-8"))
        differ = sum(1 for before, now in zip(cold_out["files"], after["files"]) if before != now)
        line("reports whose result changed", f"{differ}", "the changed one and its pairs", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    run_all(200 if args.quick else args.reports)
    return 0


def run_all(count: int) -> None:
    pairing_scaling(sorted({max(4, count // 8), max(4, count // 4), max(4, count // 2), count}))
    print()
    rerun(count, jobs=min(2, os.cpu_count() or 1))


if __name__ == "__main__":
    sys.exit(main())
