"""Registers the built-in rules through the same hook a third-party plugin uses."""

from __future__ import annotations

import importlib
import pkgutil

from reportlint.plugin_api import hookimpl

_CATEGORY_PACKAGES = ("parse", "structure", "arithmetic", "dates", "units", "consistency", "privacy", "hygiene")
# Modules inside the category packages that hold helpers, not rules.
_HELPERS = frozenset({"analysis", "prose"})


def builtin_rules() -> list[type]:
    from reportlint.rules.base import rules_in

    found: list[type] = []
    for package_name in _CATEGORY_PACKAGES:
        package = importlib.import_module(f"reportlint.rules.{package_name}")
        for module_info in pkgutil.iter_modules(package.__path__):
            if module_info.name.startswith("_") or module_info.name in _HELPERS:
                continue
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            found.extend(rule for rule in rules_in(vars(module).values()) if rule.__module__ == module.__name__)
    return found


@hookimpl
def reportlint_rules() -> list[type]:
    return builtin_rules()
