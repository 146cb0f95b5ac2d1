"""Precision of every rule on the real corpus, from its hand-checked expectations.

    python benchmarks/precision.py            # the table: raised, true, false, missed, precision
    python benchmarks/precision.py --write    # also store the figures in docs/rules/precision.json
                                              # (the rule pages and docs/precision.md quote them)

The corpus is ``tests/corpus/*.yaml``: one file per real report in one form, naming the report
file (``file:``), where it came from, and every finding reportlint must raise on it
(``expected:``, each verified by reading the report) and the false alarms a preview rule is
known to raise there (``false_alarms:``); ``tests/series/*.yaml`` likewise names runs of several
real reports (an agency's years, peers of one year) and every finding the cross-report rules must
raise on them. Every rule runs, preview rules included. A finding
is *true* when it is expected, *false* when it is not, and an expected finding not raised is a
*miss*. The test suite (tests/test_corpus.py) runs the same comparison and fails on any
finding that is neither expected nor a known false alarm, and on any miss.

Some entries are the opening of a report only (``partial: true``: what a stored page keeps).
What comes after the cut cannot be judged, so on those entries a finding that something is
absent (a section, a table, rows, a date: ``ABSENCE``) counts only when the hand-checker listed
it, and findings that the cut itself may cause (``unjudged:``, each with its reason) count
neither way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SERIES = ROOT / "tests" / "series"  # runs of several real reports, for the cross-report rules
FIGURES = ROOT / "docs" / "rules" / "precision.json"
# A rule graduates from preview with at least this precision and this many true findings.
MIN_PRECISION = 0.95
MIN_TRUE = 5
# Rules that report something missing: on an excerpt, the missing part may lie past the cut.
ABSENCE = frozenset({"RL101", "RL104", "RL109", "RL110", "RL305"})


@dataclass
class Entry:
    path: Path  # the YAML
    meta: dict
    file: Path  # the report

    @property
    def name(self) -> str:
        return self.path.stem


def _key(item: dict) -> tuple[str, int | None]:
    return str(item["code"]), item.get("line")


def load_entries(corpus: Path = CORPUS) -> list[Entry]:
    import yaml

    entries = []
    for path in sorted(corpus.glob("*.yaml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries.append(Entry(path, meta, (path.parent / meta["file"]).resolve()))
    return entries


def lint(entry: Entry):
    """Every rule's findings on the entry's report, preview rules included."""
    from reportlint.engine import Config, Linter

    return Linter(Config(preview=True)).lint_path(entry.file).findings


@dataclass
class Series:
    """A run of several real reports (an agency's years, peers of a year) and every finding the
    cross-report rules must raise on it (``expected:``, each verified by hand)."""

    path: Path
    meta: dict

    @property
    def name(self) -> str:
        return self.path.stem

    def file(self, written: str) -> Path:
        return (self.path.parent / written).resolve()


def load_series(folder: Path = SERIES) -> list[Series]:
    import yaml

    return [Series(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.yaml"))]


def run_series(series: Series) -> list[tuple[str, object]]:
    """The cross-report findings on a series, as (file as the series names it, finding); every
    cross-report rule runs, preview ones included."""
    from reportlint.engine import Config, get_registry
    from reportlint.engine.pairing import check_reports

    written = {str(series.file(item)): item for item in series.meta["files"]}
    config = Config(select=sorted(get_registry().cross_rules), preview=True)
    results, problems = check_reports(list(written), config=config, use_cache=False)
    assert not problems, problems
    return [(written[result.path], finding) for result in results for finding in result.findings]


def _series_key(file: str, code: str, line, column) -> tuple[str, str]:
    return str(code), f"{file}:{line}:{column}"


def compare_series(series: Series, found: list[tuple[str, object]]) -> Comparison:
    raised = Counter(_series_key(file, f.code, f.span.line if f.span else None, f.span.column if f.span else None)
                     for file, f in found)
    expected = Counter(_series_key(item["file"], item["code"], item.get("line"), item.get("column"))
                       for item in series.meta.get("expected") or [])
    known_false = Counter(_series_key(item["file"], item["code"], item.get("line"), item.get("column"))
                          for item in series.meta.get("false_alarms") or [])
    return _tally(raised, expected, known_false)


@dataclass
class Comparison:
    true: list[tuple[str, int | None]] = field(default_factory=list)
    false: list[tuple[str, int | None]] = field(default_factory=list)  # known false alarms
    unexpected: list[tuple[str, int | None]] = field(default_factory=list)  # neither: a new false alarm
    missed: list[tuple[str, int | None]] = field(default_factory=list)


def compare(entry: Entry, findings) -> Comparison:
    raised = Counter((f.code, f.span.line if f.span else None) for f in findings)
    expected = Counter(_key(item) for item in entry.meta.get("expected") or [])
    if entry.meta.get("partial"):
        unjudged = {_key(item) for item in entry.meta.get("unjudged") or []}
        raised = Counter({key: count for key, count in raised.items()
                          if key not in unjudged and (key[0] not in ABSENCE or key in expected)})
    known_false = Counter(_key(item) for item in entry.meta.get("false_alarms") or [])
    return _tally(raised, expected, known_false)


def _tally(raised: Counter, expected: Counter, known_false: Counter) -> Comparison:
    result = Comparison()
    for key, count in raised.items():
        true = min(count, expected[key])
        false = min(count - true, known_false[key])
        result.true += [key] * true
        result.false += [key] * false
        result.unexpected += [key] * (count - true - false)
    for key, count in expected.items():
        result.missed += [key] * max(0, count - raised[key])
    return result


def measure(entries: list[Entry]) -> tuple[dict[str, dict[str, int]], dict[str, Comparison]]:
    per_rule: dict[str, Counter] = {}
    comparisons = {}
    compared = [(entry.name, compare(entry, lint(entry))) for entry in entries]
    compared += [(f"series {series.name}", compare_series(series, run_series(series))) for series in load_series()]
    for name, comparison in compared:
        comparisons[name] = comparison
        for kind in ("true", "false", "unexpected", "missed"):
            for code, _ in getattr(comparison, kind):
                per_rule.setdefault(code, Counter())[kind] += 1
    figures = {}
    for code, counts in sorted(per_rule.items()):
        false = counts["false"] + counts["unexpected"]
        raised = counts["true"] + false
        figures[code] = {"raised": raised, "true": counts["true"], "false": false, "missed": counts["missed"],
                         "precision": round(counts["true"] / raised, 4) if raised else None}
    return figures, comparisons


def graduates(figures: dict[str, int]) -> bool:
    precision = figures.get("precision")
    return precision is not None and precision >= MIN_PRECISION and figures["true"] >= MIN_TRUE


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"store the figures in {FIGURES.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    from reportlint.engine import get_registry

    entries = load_entries()
    figures, comparisons = measure(entries)
    rules = get_registry().rules
    print(f"{len(entries)} corpus files, {len(load_series())} series of reports")
    print(f"{'rule':<8}{'status':<9}{'raised':>7}{'true':>6}{'false':>7}{'missed':>8}{'precision':>11}")
    for code, rule in sorted(rules.items()):
        counts = figures.get(code, {"raised": 0, "true": 0, "false": 0, "missed": 0, "precision": None})
        precision = f"{counts['precision']:.1%}" if counts["precision"] is not None else "—"
        status = "preview" if rule.preview else "default"
        print(f"{code:<8}{status:<9}{counts['raised']:>7}{counts['true']:>6}{counts['false']:>7}{counts['missed']:>8}{precision:>11}")
    by_severity: dict[str, Counter] = {}
    for code, counts in figures.items():
        rule = rules.get(code)
        if rule is None or rule.preview:
            continue
        tally = by_severity.setdefault(rule.severity.value, Counter())
        tally["true"] += counts["true"]
        tally["raised"] += counts["raised"]
    for severity, tally in sorted(by_severity.items()):
        share = tally["true"] / tally["raised"] if tally["raised"] else 1
        print(f"default rules, {severity}: {tally['true']} of {tally['raised']} true ({share:.1%})")
    problems = [(name, comparison) for name, comparison in comparisons.items() if comparison.unexpected or comparison.missed]
    for name, comparison in problems:
        print(f"{name}: unexpected {comparison.unexpected} missed {comparison.missed}")
    if args.write:
        FIGURES.write_text(json.dumps({"files": len(entries), "series": len(load_series()), "rules": figures},
                                      ensure_ascii=False, indent=1,
                                      sort_keys=True) + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
