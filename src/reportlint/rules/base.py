"""The rule API: a rule is a small class whose metadata sits beside its check.

    class MissingDate(Rule):
        '''What it does / Why it matters ...'''
        code = "RL305"
        name = "missing-date"
        category = "date"
        severity = Severity.WARNING
        summary = Message("报告没有落款日期", "The report carries no date")
        bad_example = "..."   # a report excerpt the rule flags
        good_example = "..."  # the same excerpt, fixed

        def check(self, report, ctx):
            if not any(report.document.dates()):
                ctx.report(None, "报告没有落款日期", "The report carries no date")

Rules read the bound report; they never mutate it, never print, never read files.
"""

from __future__ import annotations

import inspect
import re
from typing import Any, Callable, ClassVar, Iterable

from reportlint.binding import BoundCell, BoundReport, BoundTable
from reportlint.findings import CATEGORIES, Finding, Location, Message, RuleInfo, Severity
from reportlint.source import Span

__all__ = ["Rule", "RuleContext", "RuleDefinitionError"]

_CODE = re.compile(r"^[A-Z]{1,4}\d{3,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class RuleDefinitionError(TypeError):
    """A rule class is missing metadata or has it in the wrong form."""


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[Message]
    bad_example: ClassVar[str]
    good_example: ClassVar[str]
    #: Template ids this rule applies to; empty means every template (and legacy reports).
    templates: ClassVar[tuple[str, ...]] = ()
    #: Whether the rule runs without being selected. Third-party rules should say False.
    default: ClassVar[bool] = True
    #: A rule whose precision on the real corpus is not yet shown (below 95 %, or fewer than five
    #: true findings to judge it by) runs only in preview mode (``--preview``, ``preview: true``),
    #: selected or not, as ruff does it. See docs/precision.md.
    preview: ClassVar[bool] = False
    #: Options and their defaults; configuration may override them per rule.
    options: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if inspect.isabstract(cls) or cls.__dict__.get("abstract", False):
            return
        problems = []
        if not _CODE.match(getattr(cls, "code", "")):
            problems.append("code must look like RL201")
        if not _NAME.match(getattr(cls, "name", "")):
            problems.append("name must be kebab-case")
        if getattr(cls, "category", None) not in CATEGORIES:
            problems.append(f"category must be one of {', '.join(CATEGORIES)}")
        if not isinstance(getattr(cls, "severity", None), Severity):
            problems.append("severity must be a Severity")
        if not isinstance(getattr(cls, "summary", None), Message):
            problems.append("summary must be a Message(zh, en)")
        if not (cls.__doc__ or "").strip():
            problems.append("a docstring (what it checks, why it matters) is required")
        for attribute in ("bad_example", "good_example"):
            if not isinstance(getattr(cls, attribute, None), str):
                problems.append(f"{attribute} is required")
        if problems:
            raise RuleDefinitionError(f"rule {cls.__module__}.{cls.__qualname__}: " + "; ".join(problems))

    def check(self, report: BoundReport, ctx: RuleContext) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def applies_to(cls, report: BoundReport) -> bool:
        if not cls.templates:
            return True
        return report.template is not None and report.template.id in cls.templates

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def info(cls) -> RuleInfo:
        return RuleInfo(cls.code, cls.name, cls.category, cls.severity, cls.summary, cls.docs())


class RuleContext:
    """What a rule gets besides the report: its options, a way to report, shared analyses."""

    def __init__(
        self,
        rule: type[Rule],
        report: BoundReport,
        options: dict[str, Any] | None = None,
        shared: dict[Any, Any] | None = None,
        enabled: Callable[[str], bool] | None = None,
    ):
        self.rule = rule
        self.report_model = report
        self.options = {**rule.options, **(options or {})}
        self._shared = shared if shared is not None else {}
        self._enabled = enabled or (lambda code: True)
        self.findings: list[Finding] = []

    def is_enabled(self, code: str) -> bool:
        return self._enabled(code)

    def shared(self, key: Any, factory: Callable[[], Any]) -> Any:
        """A value computed once per report and shared by the rules that need it."""
        if key not in self._shared:
            self._shared[key] = factory()
        return self._shared[key]

    def report(
        self,
        span: Span | None,
        zh: str,
        en: str,
        *,
        location: Location | None = None,
        evidence: dict[str, Any] | None = None,
        suggestion: tuple[str, str] | None = None,
        severity: Severity | None = None,
    ) -> None:
        evidence = evidence or {}
        if location is not None and location.table and location.row:
            table = self.report_model.table(location.table)
            if table is not None and location.row in table.split_runs:
                # The cell's figures were run together in the text: say how they were split.
                evidence = {**evidence, "split_from": table.split_runs[location.row]}
        self.findings.append(make_finding(self.rule, span, zh, en, location=location, evidence=evidence,
                                          suggestion=suggestion, severity=severity, path=self.report_model.source.path))

    # -- helpers used by many rules -------------------------------------------------------

    def cell_location(self, table: BoundTable, cell: BoundCell | None = None, row: str | None = None,
                      column: str | None = None) -> Location:
        section = table.section
        section_key = None
        for match in self.report_model.sections:
            if match.section is section:
                section_key = match.spec.key if match.spec else match.section.title
        return Location(
            section=section_key,
            table=table.key,
            row=cell.row if cell else row,
            column=cell.column if cell else column,
        )


def make_finding(rule: type[Rule], span: Span | None, zh: str, en: str, *, location: Location | None = None,
                 evidence: dict[str, Any] | None = None, suggestion: tuple[str, str] | None = None,
                 severity: Severity | None = None, path: str | None = None, **more: Any) -> Finding:
    """A finding of ``rule`` (its code, name, category and severity unless given); ``more``:
    the finding's other fields (``origin``, ``related``)."""
    return Finding(
        code=rule.code,
        rule=rule.name,
        category=rule.category,
        severity=severity or rule.severity,
        message=Message(zh, en),
        span=span,
        location=location or Location(),
        evidence=evidence or {},
        suggestion=Message(*suggestion) if suggestion else None,
        path=path,
        **more,
    )


def rules_in(namespace: Iterable[Any]) -> list[type[Rule]]:
    """The concrete Rule subclasses among ``namespace``'s values."""
    return [item for item in namespace if inspect.isclass(item) and issubclass(item, Rule) and item is not Rule
            and "code" in item.__dict__]
