"""Reporters: findings → text for people, CI systems and other programs.

A reporter knows findings, spans and rule metadata; it knows nothing about reports, templates or
rules' logic. Reporters are plugins (hook ``reportlint_reporters``); the built-ins register the
same way.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, TextIO

from reportlint.findings import FileResult, RuleInfo

__all__ = ["Reporter"]


class Reporter:
    name: ClassVar[str]
    description: ClassVar[str] = ""
    # A reporter that shows whole reports sets this: each FileResult then carries its text
    # (``source_text``). Others leave it off, so a batch keeps a few lines per file.
    needs_source_text: ClassVar[bool] = False
    # A reporter that writes bytes (a workbook) gets a binary stream and needs --output.
    binary: ClassVar[bool] = False

    def __init__(self, stream: TextIO, *, lang: str = "zh", color: bool | None = None,
                 rules: dict[str, RuleInfo] | None = None, version: str = ""):
        self.stream = stream
        self.lang = lang
        self.color = color
        self.rules = rules or {}
        self.version = version

    @classmethod
    def unavailable(cls) -> str | None:
        """Why this reporter cannot run here (an optional library missing), or None."""
        return None

    def report(self, results: Iterable[FileResult]) -> None:
        """Write the report for ``results``, which may be a stream: a reporter keeps what it
        needs for its summary, not the results themselves, so memory stays flat."""
        self.start()
        for result in results:
            self.file(result)
        self.finish()

    def start(self) -> None:
        """Before the first file."""

    def file(self, result: FileResult) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def finish(self) -> None:
        """After the last file."""

    def text(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh
