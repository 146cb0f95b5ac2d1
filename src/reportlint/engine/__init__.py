"""The engine: plugins, configuration and the linter. Returns findings; never prints or exits.

Names load on first use, so that a run answered from the result cache never imports the parser,
the binder or the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint._lazy import lazy_exports

_EXPORTS = {
    "Config": "reportlint.engine.config",
    "ConfigError": "reportlint.engine.config",
    "find_config": "reportlint.engine.config",
    "load_config": "reportlint.engine.config",
    "LintOutcome": "reportlint.engine.linter",
    "Linter": "reportlint.engine.linter",
    "lint_file": "reportlint.engine.linter",
    "lint_text": "reportlint.engine.linter",
    "parse": "reportlint.engine.linter",
    "Registry": "reportlint.engine.plugins",
    "get_registry": "reportlint.engine.plugins",
}

__all__ = [
    "Config",
    "ConfigError",
    "LintOutcome",
    "Linter",
    "Registry",
    "find_config",
    "get_registry",
    "lint_file",
    "lint_text",
    "load_config",
    "parse",
]

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.engine.config import Config, ConfigError, find_config, load_config
    from reportlint.engine.linter import LintOutcome, Linter, lint_file, lint_text, parse
    from reportlint.engine.plugins import Registry, get_registry


__getattr__ = lazy_exports(__name__, _EXPORTS)
