"""The cross-report rule API: rules that read two reports (an agency's report and its report on
the year before) or every report of a run (peers of one year), never one alone.

    class CarryOverMismatch(CrossRule):
        '''What it checks / Why it matters ...'''
        code = "RL801"
        ...
        bad_example = example(("2021.txt", REPORT_2021), ("2022.txt", REPORT_2022))

        def check_pair(self, pair, ctx):
            ...
            ctx.report(pair.current, cell.span, "中文", "English", related=[ctx.related(pair.previous, ...)])

A rule sees :class:`~reportlint.rules.cross.summary.ReportSummary` objects — the identity, the
table cells and the prose sentences of each report, as the result cache keeps them — and reports
findings in the later report (``pair.current``), citing the other report as a related location.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Iterable, NamedTuple

from reportlint.findings import Finding, Location, Message, Related, Severity
from reportlint.rules.base import Rule, make_finding
from reportlint.rules.cross.summary import ReportSummary
from reportlint.source import Span

__all__ = ["Batch", "CrossContext", "CrossRule", "Pair", "example", "example_reports"]

# Between the reports of a rule's example: ``==> 2021.txt <==`` (as ``head`` prints several files).
_EXAMPLE_HEADER = re.compile(r"^==> (.+?) <==\n", re.MULTILINE)


def example(*reports: tuple[str, str]) -> str:
    """A rule example made of several small reports, each under its file name."""
    return "\n".join(f"==> {name} <==\n{text.rstrip()}\n" for name, text in reports)


def example_reports(text: str) -> list[tuple[str, str]]:
    """The (file name, text) of each report of an example made by :func:`example`."""
    parts = _EXAMPLE_HEADER.split(text)
    return [(parts[index], parts[index + 1]) for index in range(1, len(parts) - 1, 2)]


class Pair(NamedTuple):
    """A report and the same agency's report on the year before."""

    current: ReportSummary
    previous: ReportSummary
    # The agencies' names are the same once normalised (人民政府/政府, 办公室/办, a zone and its
    # 管委会): not only alike (one named with its city, the other without).
    certain: bool


class Batch(NamedTuple):
    """Every report of a run, as the pairing step grouped them."""

    reports: tuple[ReportSummary, ...]  # the reports checked (not those given with --previous)
    references: tuple[ReportSummary, ...]  # --previous: last year's reports, only to compare with
    pairs: tuple[Pair, ...]
    # Reports of one agency and year given more than once (not paired: which one counts is not guessed).
    duplicates: tuple[tuple[ReportSummary, ...], ...]
    # Reports whose agency or year could not be read (they take no part in pairing).
    unidentified: tuple[ReportSummary, ...]
    # Report → the agency it was grouped under (a key shared by the same body's names).
    agency_of: dict[int, str]

    def agency(self, report: ReportSummary) -> str | None:
        return self.agency_of.get(id(report))


class CrossContext:
    """What a cross-report rule gets besides the reports: its options, the template specs, a way
    to report."""

    def __init__(self, rule: type[CrossRule], options: dict[str, Any] | None = None,
                 templates: dict[str, Any] | None = None):
        self.rule = rule
        self.options = {**rule.options, **(options or {})}
        self._templates = templates or {}
        self.findings: list[tuple[ReportSummary, Finding]] = []

    def template(self, template_id: str | None):
        """The template spec (``reportlint.templates.TemplateSpec``) with this id, or None."""
        return self._templates.get(template_id) if template_id else None

    def related(self, report: ReportSummary, span: Span | None, zh: str, en: str) -> Related:
        return Related(report.path, span, Message(zh, en))

    def report(self, target: ReportSummary, span: Span | None, zh: str, en: str, *,
               location: Location | None = None, evidence: dict[str, Any] | None = None,
               related: Iterable[Related] = (), suggestion: tuple[str, str] | None = None,
               severity: Severity | None = None, origin: str | None = None) -> None:
        self.findings.append((target, make_finding(self.rule, span, zh, en, location=location, evidence=evidence,
                                                   suggestion=suggestion, severity=severity, path=target.path,
                                                   origin=origin, related=tuple(related))))


class CrossRule(Rule):
    """A rule over several reports. ``scope`` says what it is given: ``"pair"`` calls
    :meth:`check_pair` once for every report that has last year's beside it; ``"batch"`` calls
    :meth:`check_batch` once with every report of the run (peers of a year, duplicates)."""

    abstract = True
    scope: ClassVar[str] = "pair"

    def check(self, report, ctx) -> None:  # pragma: no cover - the engine never calls it
        raise TypeError(f"{self.code} compares reports; it does not check one report alone")

    def check_pair(self, pair: Pair, ctx: CrossContext) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def check_batch(self, batch: Batch, ctx: CrossContext) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def applies_to_pair(cls, pair: Pair) -> bool:
        return not cls.templates or pair.current.template in cls.templates


def is_cross_rule(rule: type) -> bool:
    return isinstance(rule, type) and issubclass(rule, CrossRule)


def by_year(reports: Iterable[ReportSummary]) -> dict[int, list[ReportSummary]]:
    """Identified reports grouped by statistics year."""
    years: dict[int, list[ReportSummary]] = {}
    for report in reports:
        if report.year is not None and report.key:
            years.setdefault(report.year, []).append(report)
    return years


def describe(report: ReportSummary) -> str:
    """A report as messages name it: its file and, when read, its agency and year."""
    who = f"{report.agency} {report.year}年" if report.agency and report.year else ""
    return f"{report.name}（{who}）" if who else report.name
