"""Registers the built-in reporters through the same hook a third-party plugin uses."""

from reportlint.plugin_api import hookimpl


@hookimpl
def reportlint_reporters() -> dict[str, type]:
    from reportlint.reporting.github import GithubReporter
    from reportlint.reporting.html import HtmlReporter
    from reportlint.reporting.json_reporter import JsonReporter
    from reportlint.reporting.sarif import SarifReporter
    from reportlint.reporting.terminal import TerminalReporter
    from reportlint.reporting.xlsx import XlsxReporter

    reporters = (TerminalReporter, JsonReporter, SarifReporter, GithubReporter, HtmlReporter, XlsxReporter)
    return {reporter.name: reporter for reporter in reporters}
