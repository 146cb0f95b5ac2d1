"""reportlint: a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

    import reportlint

    findings = reportlint.lint_text(text)           # list[Finding]
    findings = reportlint.lint_file("报告.txt")
    report = reportlint.parse(text)                 # the typed AST and the bound tables

Heavy modules load on first use, so ``import reportlint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint._lazy import lazy_exports

# The one place the version is written: pyproject.toml reads it from here (hatch), and a run
# needs no package metadata lookup to know it.
__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "Finding",
    "InputError",
    "Linter",
    "Severity",
    "lint_file",
    "lint_text",
    "parse",
]

_EXPORTS = {
    "Config": "reportlint.engine",
    "ConfigError": "reportlint.engine",
    "Linter": "reportlint.engine",
    "lint_file": "reportlint.engine",
    "lint_text": "reportlint.engine",
    "parse": "reportlint.engine",
    "Finding": "reportlint.findings",
    "Severity": "reportlint.findings",
    "InputError": "reportlint.source",
}

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.engine import Config, ConfigError, Linter, lint_file, lint_text, parse
    from reportlint.findings import Finding, Severity
    from reportlint.source import InputError


__getattr__ = lazy_exports(__name__, _EXPORTS)
