"""Across reports: who wrote each report and for which year, which reports are the same agency's
in consecutive years, and the cross-report rules run on them.

Grouping is linear in the number of reports: each report's agency name is reduced to a bucket
key (its own name without the places above it: 淮安市洪泽区人民政府 → 洪泽区), reports are put in
buckets by it, and only the few reports of one bucket are compared with each other. The rules
read the small per-report summaries the result cache keeps, never the reports themselves, so a
rerun that changes one report parses that one report again and nothing else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, NamedTuple, Sequence

from reportlint.findings import FileResult, Finding

if TYPE_CHECKING:
    from reportlint.engine.cross_cache import CrossAdditions
    from reportlint.engine.linter import Linter
    from reportlint.rules.cross.base import Batch, Pair
    from reportlint.rules.cross.summary import ReportSummary

# A place name: a few characters and the level it ends with.
_PLACE = r".{2,12}?(?:省|自治区|自治州|市|州|盟|地区|县|区|旗|镇|乡|街道)"
# A place above another (the prefix a report may print or leave out: 淮安市 in 淮安市洪泽区).
_PLACE_ABOVE = re.compile(r"^.{2,12}?(?:省|自治区|自治州|市|州|盟|地区|县|区|旗)")
_STARTS_WITH_PLACE = re.compile("^" + _PLACE)
_IS_PLACE = re.compile("^(?:" + _PLACE + ")+$")
# A government named by its place alone or with its organ (洪泽区 = 洪泽区政府; a zone = its 管委会).
_GOVERNMENT = re.compile(r"^(.+?)(?:政府|管委会|行政公署)$")


def agency_names(key: str) -> tuple[str, str]:
    """(bucket, name): ``name`` is the agency key with a government's organ dropped (洪泽区政府 →
    洪泽区); ``bucket`` is ``name`` without the places above it (淮安市洪泽区 → 洪泽区)."""
    government = _GOVERNMENT.match(key)
    name = government.group(1) if government and _IS_PLACE.match(government.group(1)) else key
    bucket = name
    while True:
        above = _PLACE_ABOVE.match(bucket)
        if not above or not _STARTS_WITH_PLACE.match(bucket[above.end():]):
            return bucket, name
        bucket = bucket[above.end():]


def same_agency(longer: str, shorter: str) -> bool:
    """Whether two names (from :func:`agency_names`) can be one body: equal, or the longer is the
    shorter with places above it printed (淮安市洪泽区 / 洪泽区)."""
    return longer == shorter or (longer.endswith(shorter) and bool(_IS_PLACE.match(longer[: -len(shorter)])))


class Entry(NamedTuple):
    summary: ReportSummary
    reference: bool  # given with --previous: compared with, not checked


def group(entries: Sequence[Entry]) -> tuple[Batch, dict[int, str]]:
    """Pairs and the rest, and for each report (by ``id`` of its summary) how it was paired:
    ``paired``, ``no-previous``, ``duplicate`` or ``unidentified``."""
    from reportlint.rules.cross.base import Batch, Pair

    status: dict[int, str] = {}
    unidentified = []
    buckets: dict[str, list[tuple[Entry, str]]] = {}
    for entry in entries:
        summary = entry.summary
        if not summary.key or summary.year is None:
            if not entry.reference:
                unidentified.append(summary)
                status[id(summary)] = "unidentified"
            continue
        bucket, name = agency_names(summary.key)
        buckets.setdefault(bucket, []).append((entry, name))

    pairs: list[Pair] = []
    duplicates = []
    agency_of: dict[int, str] = {}
    for members in buckets.values():
        for agency, items in _agencies(members):
            by_year: dict[int, list[tuple[Entry, str]]] = {}
            for entry, name in items:
                by_year.setdefault(entry.summary.year, []).append((entry, name))
                agency_of[id(entry.summary)] = agency
            for year, found in by_year.items():
                current = [(entry, name) for entry, name in found if not entry.reference]
                if len(found) > 1:
                    if current:
                        duplicates.append(tuple(entry.summary for entry, _ in found))
                    for entry, _ in current:
                        status[id(entry.summary)] = "duplicate"
                    continue
                if not current:
                    continue
                (entry, name), = current
                before = by_year.get(year - 1, [])
                if len(before) == 1:
                    previous, previous_name = before[0]
                    pairs.append(Pair(entry.summary, previous.summary, certain=name == previous_name))
                    status[id(entry.summary)] = "paired"
                else:
                    status[id(entry.summary)] = "duplicate-previous" if before else "no-previous"
    reports = tuple(entry.summary for entry in entries if not entry.reference)
    references = tuple(entry.summary for entry in entries if entry.reference)
    batch = Batch(reports, references, tuple(pairs), tuple(duplicates), tuple(unidentified), agency_of)
    return batch, status


def _agencies(members: list[tuple[Entry, str]]) -> Iterable[tuple[str, list[tuple[Entry, str]]]]:
    """The agencies among reports of one bucket: names that can be one body go together, the
    longest name first (淮安市洪泽区 takes 洪泽区). A short name that fits two bodies (鼓楼区 beside
    南京市鼓楼区 and 福州市鼓楼区) is not given to either: it stays an agency of its own. Almost
    always a bucket holds a single name."""
    names = sorted({name for _, name in members}, key=len, reverse=True)
    if len(names) == 1:
        yield names[0], members
        return
    groups: dict[str, list[str]] = {}
    for name in names:
        homes = [longest for longest in groups if same_agency(longest, name)]
        groups.setdefault(homes[0] if len(homes) == 1 else name, []).append(name)
    for longest, group_names in groups.items():
        yield longest, [(entry, name) for entry, name in members if name in group_names]


class CrossOutcome(NamedTuple):
    findings: list[tuple[int, Finding]]  # (index of the entry the finding is in, finding)
    status: dict[int, str]  # entry index → how it was paired
    previous: dict[int, str | None]  # entry index → the path of last year's report beside it
    problems: list[str]  # rules that failed (a bug), by name
    pairs: dict[str, list[Finding]] = {}  # the pair rules' findings, by pair key (for a rerun)


def cross_check(entries: Sequence[Entry], linter: Linter, known: dict | None = None) -> CrossOutcome:
    """Group the reports, run the enabled cross-report rules, and say which finding goes to
    which report (findings in reports given with --previous are dropped). ``known``: the pair
    rules' findings of an earlier run by pair key (engine.cross_cache.PairCache); a pair found
    there is not checked again. The outcome's ``pairs`` are this run's, for the next."""
    from reportlint.rules.cross.base import CrossContext

    batch, status_by_id = group(entries)
    index_of = {id(entry.summary): index for index, entry in enumerate(entries)}
    templates = {spec.id: spec for spec in linter.templates}
    found: list[tuple[int, Finding]] = []
    problems: list[str] = []

    def take(findings: Iterable[tuple[ReportSummary, Finding]]) -> None:
        for target, finding in findings:
            index = index_of.get(id(target))
            if index is not None and not entries[index].reference:
                found.append((index, finding))

    for rule in linter.cross_rules:
        if rule.scope == "batch":
            context = CrossContext(rule, linter.options_for(rule), templates)
            try:
                rule().check_batch(batch, context)
            except Exception as error:  # a broken rule must not hide the others' findings
                problems.append(f"{rule.code} {rule.name}: {type(error).__name__}: {error}")
                continue
            take(context.findings)
    pair_rules = [(rule, rule(), CrossContext(rule, linter.options_for(rule), templates))
                  for rule in linter.cross_rules if rule.scope != "batch"]
    broken: set[str] = set()
    pairs: dict[str, list[Finding]] = {}
    for pair in batch.pairs:
        key = pair_key(pair)
        if key and known and key in known:
            take((pair.current, finding) for finding in known[key])
            pairs[key] = known[key]
            continue
        made: list[Finding] = []
        for rule, checker, context in pair_rules:
            if rule.code in broken or not rule.applies_to_pair(pair):
                continue
            before = len(context.findings)
            try:
                checker.check_pair(pair, context)
            except Exception as error:
                broken.add(rule.code)
                problems.append(f"{rule.code} {rule.name}: {type(error).__name__}: {error}")
                continue
            made.extend(finding for _, finding in context.findings[before:])
            take(context.findings[before:])
        if key and not broken:
            pairs[key] = made
    status = {index_of[key]: value for key, value in status_by_id.items()}
    previous = {index_of[id(pair.current)]: pair.previous.path for pair in batch.pairs}
    return CrossOutcome(found, status, previous, problems, pairs)


def pair_key(pair: Pair) -> str | None:
    """What a pair's findings depend on: both reports (their cache keys) and how surely they
    are one agency's. None when a report has no cache key."""
    if not pair.current.digest or not pair.previous.digest:
        return None
    return f"{pair.current.digest}:{pair.previous.digest}:{int(pair.certain)}"


def cross_findings(results: Sequence[FileResult], references: Sequence[bool], linters: Sequence[Linter],
                   run_linter: Linter, known: dict | None = None) -> tuple[CrossAdditions, dict]:
    """Run the cross-report rules over checked results (each with its summary): the findings
    for each result as that file's own configuration has them (per-file ignores, severities),
    with the lines they point at, and how each report was paired."""
    from reportlint.engine.cross_cache import CrossAdditions

    at: list[int] = []  # entry → result
    entries: list[Entry] = []
    for index, result in enumerate(results):
        if result.error is None and result.summary is not None:
            at.append(index)
            entries.append(Entry(compact(result).summary, references[index]))
    outcome = cross_check(entries, run_linter, known)
    metadata = {at[entry]: {"pairing": state, "previous": outcome.previous.get(entry)} for entry, state in outcome.status.items()}
    findings: dict[int, list[Finding]] = {}
    lines: dict[int, dict[int, str]] = {}
    for entry, finding in outcome.findings:
        index = at[entry]
        finding = linters[index].adjust_finding(finding, results[index].path)
        if finding is None:
            continue
        findings.setdefault(index, []).append(finding)
        kept = entries[entry].summary.lines
        if finding.span is not None:
            for number in range(max(1, finding.span.line - 1), finding.span.line + 3):
                if number in kept:
                    lines.setdefault(index, {})[number] = kept[number]
    return CrossAdditions(findings, metadata, lines, outcome.problems), outcome.pairs


def compact(result: FileResult) -> FileResult:
    """The result with its summary read from its JSON form (a batch keeps thousands of them until
    the last report is read: the compact form takes a third of the room)."""
    from reportlint.rules.cross.summary import ReportSummary

    if isinstance(result.summary, dict):
        result.summary = ReportSummary.from_json(result.summary)
    return result


def cross_additions(results: Sequence[FileResult], references: Sequence[bool], linters: Sequence[Linter],
                    run_linter: Linter, use_cache: bool = True) -> CrossAdditions:
    """:func:`cross_findings`, from the cache when this very run was made before (and kept for
    the next time)."""
    from reportlint.engine.cross_cache import CrossCache, PairCache, run_key
    from reportlint.engine.result_cache import config_fingerprint

    cache = CrossCache(enabled=use_cache)
    fingerprint = config_fingerprint(run_linter.config)
    key = run_key(results, references, fingerprint) if cache.directory else None
    added = cache.get(key)
    if added is None:
        # Not this very run: the pairs of an earlier run whose two reports are unchanged are
        # not checked again (a rerun with one report changed checks its pairs only).
        pairs = PairCache(fingerprint, enabled=cache.directory is not None)
        added, checked = cross_findings(results, references, linters, run_linter, pairs.load())
        cache.put(key, added)
        if not added.problems:
            pairs.save(checked)
    return added


def add_cross_findings(results: Sequence[FileResult], references: Sequence[bool], linters: Sequence[Linter],
                       run_linter: Linter, use_cache: bool = True) -> list[str]:
    """:func:`cross_additions`, added to the results. Returns the rules that failed."""
    from reportlint.engine.cross_cache import apply

    added = cross_additions(results, references, linters, run_linter, use_cache)
    apply(results, added)
    return added.problems


class Spool:
    """Results of a run kept on disk while the run goes on, and in memory only what pairing
    reads (path, error, summary): a run of thousands of reports keeps its findings out of memory
    until they are written. A private temporary file, read back only by this process."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile()
        self._offsets: list[int] = []
        self.stubs: list[FileResult] = []

    def add(self, result: FileResult) -> None:
        import pickle

        result = compact(result)
        self.stubs.append(FileResult(result.path, error=result.error, summary=result.summary))
        result.summary = None
        self._offsets.append(self._file.tell())
        pickle.dump(result, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def result(self, index: int) -> FileResult:
        import pickle

        self._file.seek(self._offsets[index])
        return pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


def check_reports(paths: Sequence[str], previous: Sequence[str] = (), config=None, *, jobs: int | None = 1,
                  use_cache: bool = True) -> tuple[list[FileResult], list[str]]:
    """Check report files as one run: each alone, then across reports (``previous``: last
    year's reports, compared with and not checked). Returns the results of ``paths`` in order,
    then those of ``previous`` that could not be read, and the cross-report rules that failed."""
    from reportlint.engine.batch import Task, check_files, linter_for
    from reportlint.engine.config import Config

    config = config or Config()
    tasks = [Task(path, config, None, use_cache) for path in (*paths, *previous)]
    results = [compact(result) for result in check_files(tasks, jobs)]
    references = [False] * len(paths) + [True] * len(previous)
    linter = linter_for(config)
    problems = add_cross_findings(results, references, [linter] * len(results), linter, use_cache)
    return [result for result, reference in zip(results, references) if not reference or result.error], problems


def check_texts(reports: Sequence[tuple[str, str]], config=None, linter: Linter | None = None) -> list[FileResult]:
    """Check reports given as (name, text) as one run (a rule's examples, the API); ``linter``:
    one made with another registry (a plugin's, in its tests). Raises InputError for a text
    that is not a report."""
    from reportlint.engine.batch import cross_summary, linter_for, report_metadata

    if linter is None:
        from reportlint.engine.config import Config

        linter = linter_for(config or Config())
    results = []
    for name, text in reports:
        outcome = linter.lint_text(text, name)
        result = FileResult.from_findings(name, outcome.findings, text, report_metadata(outcome.report))
        result.summary = cross_summary(outcome.report)
        results.append(result)
    problems = add_cross_findings(results, [False] * len(results), [linter] * len(results), linter, use_cache=False)
    if problems:
        raise RuntimeError("; ".join(problems))
    return results
