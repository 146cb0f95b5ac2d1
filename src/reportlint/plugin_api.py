"""The plugin interface: pluggy markers and hook specifications.

A plugin is a module or object with ``@hookimpl`` functions, registered under the entry-point
group ``reportlint``. The built-in rules, reporters and templates use exactly these hooks.

    from reportlint.plugin_api import hookimpl

    @hookimpl
    def reportlint_rules():
        from my_package.rules import MyRule   # import inside the hook: start-up stays fast
        return [MyRule]
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "reportlint"
ENTRY_POINT_GROUP = "reportlint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class ReportlintSpec:
    """Hook specifications. Every hook returns a list (or dict); results are merged."""

    @hookspec
    def reportlint_rules(self) -> list[type]:
        """Rule classes (subclasses of ``reportlint.rules.Rule``) this plugin provides."""

    @hookspec
    def reportlint_cross_rules(self) -> list[type]:
        """Rule classes that compare reports (subclasses of ``reportlint.rules.cross.CrossRule``):
        a report with the same agency's report on the year before, or the reports of one year."""

    @hookspec
    def reportlint_reporters(self) -> dict[str, type]:
        """Output formats: name → reporter class (subclass of ``reportlint.reporting.Reporter``)."""

    @hookspec
    def reportlint_templates(self) -> list[str]:
        """Paths of template spec YAML files (one file per official report format version)."""
