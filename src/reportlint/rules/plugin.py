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


# Modules of reportlint.rules.cross that hold the API and helpers, not rules.
_CROSS_HELPERS = frozenset({"base", "summary", "equations", "examples", "text"})


def builtin_cross_rules() -> list[type]:
    from reportlint.rules.cross import base

    package = importlib.import_module("reportlint.rules.cross")
    found: list[type] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_") or module_info.name in _CROSS_HELPERS:
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        found.extend(rule for rule in vars(module).values() if base.is_cross_rule(rule) and rule.__module__ == module.__name__
                     and "code" in rule.__dict__)
    return found


@hookimpl
def reportlint_cross_rules() -> list[type]:
    return builtin_cross_rules()
