"""The engine: plugins, configuration and the linter. Returns findings; never prints or exits."""

from reportlint.engine.config import Config, ConfigError, find_config, load_config
from reportlint.engine.linter import LintOutcome, Linter, lint_file, lint_text, parse
from reportlint.engine.plugins import Registry, get_registry

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
