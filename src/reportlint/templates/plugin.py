"""Registers the built-in template specs through the plugin hook."""

from reportlint.plugin_api import hookimpl


@hookimpl
def reportlint_templates() -> list[str]:
    from reportlint.templates import builtin_spec_paths

    return builtin_spec_paths()
