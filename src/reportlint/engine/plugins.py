"""Finding plugins: every entry point in the ``reportlint`` group, each loaded on its own."""

from __future__ import annotations

import functools
import os
from typing import Any

import pluggy

from reportlint.engine.entry_points import installed_entry_points
from reportlint.plugin_api import ENTRY_POINT_GROUP, PROJECT_NAME, ReportlintSpec

# Used only when reportlint runs from a source tree that was never installed: the entry points
# below are what pyproject.toml declares, so built-ins still load the same way.
_BUILTIN_ENTRY_POINTS = {
    "builtin_rules": "reportlint.rules.plugin",
    "builtin_reporters": "reportlint.reporting.plugin",
    "builtin_templates": "reportlint.templates.plugin",
}


class Registry:
    """What the plugins (the built-in ones included) provide; filled by :func:`build_registry`."""

    def __init__(self) -> None:
        self.rules: dict[str, type] = {}  # code → rule class (cross-report rules included)
        self.cross_rules: frozenset[str] = frozenset()  # codes of the rules that compare reports
        self.reporters: dict[str, type] = {}
        self.template_paths: list[str] = []
        self.errors: list[str] = []  # plugins that failed to load, by name

    def rule(self, code_or_name: str) -> type | None:
        wanted = code_or_name.strip()
        if wanted.upper() in self.rules:
            return self.rules[wanted.upper()]
        return next((rule for rule in self.rules.values() if rule.name == wanted), None)


def _register(manager: pluggy.PluginManager, name: str, load: Any, registry: Registry) -> None:
    try:
        plugin = load()
        manager.register(plugin, name=name)
    except Exception as error:  # a broken plugin must not stop the run
        registry.errors.append(f"插件 {name} 加载失败 (plugin {name} failed to load): {type(error).__name__}: {error}")


def build_registry(autoload: bool = True) -> Registry:
    from reportlint.rules.base import Rule
    from reportlint.rules.cross.base import is_cross_rule

    registry = Registry()
    manager = pluggy.PluginManager(PROJECT_NAME)
    manager.add_hookspecs(ReportlintSpec)
    found = {ep.name: ep for ep in installed_entry_points(ENTRY_POINT_GROUP)}
    for name, target in _BUILTIN_ENTRY_POINTS.items():
        if name not in found:
            _register(manager, name, lambda target=target: __import__(target, fromlist=["_"]), registry)
    for name, entry_point in sorted(found.items()):
        if not autoload and name not in _BUILTIN_ENTRY_POINTS:
            continue
        _register(manager, name, entry_point.load, registry)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        registry.errors.append(f"插件 {error.plugin!r} 的钩子无效 (invalid hook): {error}")
        manager.unregister(error.plugin)

    for plugin_rules in manager.hook.reportlint_rules():
        for rule in plugin_rules or ():
            if not (isinstance(rule, type) and issubclass(rule, Rule)) or is_cross_rule(rule):
                registry.errors.append(f"not a rule class: {rule!r}" if not is_cross_rule(rule) else
                                       f"{rule.code}: a cross-report rule is registered with reportlint_cross_rules")
            elif rule.code in registry.rules and registry.rules[rule.code] is not rule:
                registry.errors.append(f"rule code {rule.code} is defined twice ({registry.rules[rule.code].__module__}, {rule.__module__})")
            else:
                registry.rules[rule.code] = rule
    cross: set[str] = set()
    for plugin_rules in manager.hook.reportlint_cross_rules():
        for rule in plugin_rules or ():
            if not is_cross_rule(rule):
                registry.errors.append(f"not a cross-report rule class (reportlint.rules.cross.CrossRule): {rule!r}")
            elif rule.code in registry.rules and registry.rules[rule.code] is not rule:
                registry.errors.append(f"rule code {rule.code} is defined twice ({registry.rules[rule.code].__module__}, {rule.__module__})")
            else:
                registry.rules[rule.code] = rule
                cross.add(rule.code)
    registry.cross_rules = frozenset(cross)
    for reporters in manager.hook.reportlint_reporters():
        registry.reporters.update(reporters or {})
    for paths in manager.hook.reportlint_templates():
        registry.template_paths.extend(str(path) for path in paths or ())
    registry.rules = dict(sorted(registry.rules.items()))
    return registry


@functools.cache
def get_registry() -> Registry:
    return build_registry(autoload=not os.environ.get("REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"))
