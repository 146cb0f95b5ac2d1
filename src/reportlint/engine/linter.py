"""The linter: text in, findings out. No printing, no exiting, no writing."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import replace
from typing import NamedTuple

from reportlint.binding import BoundReport, bind
from reportlint.binding.reflow import reflow
from reportlint.engine.config import Config, ConfigError, selector_matches, validate_config
from reportlint.engine.plugins import Registry, get_registry
from reportlint.findings import Finding, Severity
from reportlint.parsing import parse_source
from reportlint.rules.base import Rule, RuleContext
from reportlint.source import InputError, Source
from reportlint.templates import TemplateSpec, load_spec

class LintOutcome(NamedTuple):
    report: BoundReport
    findings: list[Finding]


class Linter:
    def __init__(self, config: Config | None = None, registry: Registry | None = None):
        self.config = config or Config()
        self.registry = registry or get_registry()
        self._validate_selectors()
        self.templates = self._load_templates()
        enabled = [rule for rule in self.registry.rules.values() if self.is_enabled(rule)]
        # Rules that compare reports run once the whole run is read (engine.pairing), not here.
        self.cross_rules = [rule for rule in enabled if rule.code in self.registry.cross_rules]
        self.rules = [rule for rule in enabled if rule.code not in self.registry.cross_rules]
        # Worked out once per linter rather than once per report and rule.
        self._rule_options = {rule.code: self._options_for(rule) for rule in enabled}
        self._all_codes = frozenset(rule.code for rule in self.rules)

    # -- configuration ------------------------------------------------------------------------

    def _validate_selectors(self) -> None:
        validate_config(self.config, list(self.registry.rules.values()))

    def _load_templates(self) -> tuple[TemplateSpec, ...]:
        paths = [*self.registry.template_paths, *self.config.templates]
        specs = {}
        for path in paths:
            try:
                spec = load_spec(path)
            except (OSError, KeyError, TypeError, ValueError) as error:
                raise ConfigError(f"{path}: 模板文件无效 (invalid template spec): {error}") from None
            specs[spec.id] = spec
        return tuple(specs.values())

    def is_enabled(self, rule: type[Rule]) -> bool:
        config = self.config
        if getattr(rule, "preview", False) and not config.preview:
            return False
        if config.select is not None:
            selected = any(selector_matches(s, rule) for s in config.select)
        else:
            selected = rule.default
        selected = selected or any(selector_matches(s, rule) for s in config.extend_select)
        ignored = any(selector_matches(s, rule) for s in (*config.ignore, *config.extend_ignore))
        return selected and not ignored

    def _ignored_here(self, path: str | None) -> list[str]:
        if not path or not self.config.per_file_ignores:
            return []
        from pathlib import PurePath  # only for per-file-ignores; most runs never get here

        candidate = PurePath(os.path.abspath(path))
        try:
            relative = candidate.relative_to(self.config.root.resolve()).as_posix()
        except ValueError:
            relative = candidate.as_posix()
        ignored = []
        for pattern, selectors in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(candidate.name, pattern):
                ignored.extend(selectors)
        return ignored

    def _options_for(self, rule: type[Rule]) -> dict:
        options = dict(self.config.rule_options.get(rule.name, {}))
        options.update(self.config.rule_options.get(rule.code, {}))
        return options

    def _severity_for(self, rule: type[Rule], finding: Finding) -> Severity:
        override = self.config.severity.get(rule.code) or self.config.severity.get(rule.name)
        return override or finding.severity

    def options_for(self, rule: type[Rule]) -> dict:
        return self._rule_options.get(rule.code) or self._options_for(rule)

    def adjust_finding(self, finding: Finding, path: str | None) -> Finding | None:
        """A finding made outside :meth:`lint_source` (a cross-report rule's) as this
        configuration has it: None where its rule is not enabled or ignored for ``path``, its
        severity overridden where configured."""
        rule = self.registry.rules.get(finding.code)
        if rule is None or not self.is_enabled(rule) or any(selector_matches(s, rule) for s in self._ignored_here(path)):
            return None
        severity = self._severity_for(rule, finding)
        return finding if severity is finding.severity else replace(finding, severity=severity)

    # -- running ------------------------------------------------------------------------------

    def bind(self, source: Source) -> BoundReport:
        source = reflow(source, self.templates)
        return bind(source, parse_source(source), self.templates)

    def lint_source(self, source: Source) -> LintOutcome:
        """Lint one report. Raises :class:`InputError` for text that is not an annual report at
        all (no section or table of any template: a news article, a notice)."""
        report = self.bind(source)
        if not report.legacy and not _looks_like_a_report(report):
            raise InputError("不是政府信息公开工作年度报告：没有找到模板中的任何章节或表格 "
                             "(not an annual report: no section or table of the template found)")
        ignored = self._ignored_here(source.path)
        enabled_codes = self._all_codes if not ignored else frozenset(
            rule.code for rule in self.rules if not any(selector_matches(s, rule) for s in ignored))
        shared: dict = {}
        findings: list[Finding] = []
        for rule in self.rules:
            if rule.code not in enabled_codes or not rule.applies_to(report):
                continue
            context = RuleContext(rule, report, self._rule_options[rule.code], shared, enabled_codes.__contains__)
            rule().check(report, context)
            for finding in context.findings:
                severity = self._severity_for(rule, finding)
                origin = source.origin(finding.span) if source.origins else None
                if severity is not finding.severity or origin:
                    finding = replace(finding, severity=severity, origin=origin)
                findings.append(finding)
        findings.sort(key=Finding.sort_key)
        return LintOutcome(report, findings)

    def lint_text(self, text: str, path: str | None = None) -> LintOutcome:
        return self.lint_source(Source.from_text(text, path))

    def lint_path(self, path: str | os.PathLike[str], encoding: str | None = None) -> LintOutcome:
        return self.lint_source(read_source(path, encoding))


# What an annual report calls itself near its top (政府信息公开工作年度报告, 政务公开工作年度报告, 年报).
_REPORT_TITLE = re.compile(r"(?:政府信息|政务)公开.{0,6}(?:年度报告|年报)|信息公开年度报告")


def _looks_like_a_report(report: BoundReport) -> bool:
    """A title that says so, a section or a table of the template: a report, read as well as
    can be, never refused."""
    if report.tables or report.unreadable or any(match.spec for match in report.sections):
        return True
    head = report.source.text[:600]
    title = report.document.title.text if report.document.title else ""
    return bool(_REPORT_TITLE.search(title) or _REPORT_TITLE.search(head))


def read_source(path: str | os.PathLike[str], encoding: str | None = None) -> Source:
    """Read a report file (text, web page, Word or PDF). Raises :class:`InputError`."""
    from reportlint.loaders import load_path

    return load_path(path, encoding)


@functools.lru_cache(maxsize=4)
def _default_linter() -> Linter:
    return Linter()


def _linter_for(config: Config | None) -> Linter:
    return _default_linter() if config is None else Linter(config)


def lint_text(text: str, *, path: str | None = None, config: Config | None = None) -> list[Finding]:
    """Lint a report given as text; returns the findings sorted by position."""
    return _linter_for(config).lint_text(text, path).findings


def lint_file(path: str | os.PathLike[str], *, config: Config | None = None, encoding: str | None = None) -> list[Finding]:
    """Lint a report file. Raises :class:`reportlint.InputError` if it cannot be read."""
    return _linter_for(config).lint_path(path, encoding).findings


def parse(text: str, *, path: str | None = None) -> BoundReport:
    """Parse and bind a report: the typed AST (``.document``) and the bound tables (``.tables``)."""
    return _default_linter().bind(Source.from_text(text, path))
