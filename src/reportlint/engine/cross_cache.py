"""What the cross-report step added to each report, kept for a rerun of the same run.

A run of several reports whose every file is unchanged is answered from the cache without
parsing a report or loading a rule (the command line's fast path): the per-file results come
from the result cache, and what the cross-report rules added to them from here. The key is made
of every report's own cache key (its bytes, path, configuration and reportlint's code), whether
it was given with --previous, and the run's configuration; a change to any report makes a miss,
and then only that report is parsed again — the others' summaries come from the result cache.
"""

from __future__ import annotations

import hashlib
import os
from typing import NamedTuple, Sequence

from reportlint.cache import read_json, user_cache_dir, write_json
from reportlint.findings import FileResult, Finding


class CrossAdditions(NamedTuple):
    findings: dict[int, list[Finding]]  # result index → findings the cross-report rules put there
    metadata: dict[int, dict]  # result index → pairing, previous
    lines: dict[int, dict[int, str]]  # result index → source lines the findings point at
    problems: list[str]  # rules that failed


def apply(results: Sequence[FileResult], added: CrossAdditions) -> None:
    for index, result in enumerate(results):
        apply_one(result, index, added)


def apply_one(result: FileResult, index: int, added: CrossAdditions) -> None:
    """Add to the result at ``index`` of the run what the cross-report rules found for it."""
    result.metadata.update(added.metadata.get(index, {}))
    for number, line in added.lines.get(index, {}).items():
        result.source_lines.setdefault(number, line)
    if index in added.findings:
        result.findings = sorted([*result.findings, *added.findings[index]], key=Finding.sort_key)


def run_key(results: Sequence[FileResult], references: Sequence[bool], config_fingerprint: str) -> str | None:
    """The key of a run, or None when a report has no cache key (not cached, or unreadable)."""
    digest = hashlib.sha256(config_fingerprint.encode())
    for result, reference in zip(results, references):
        summary = result.summary
        own = summary.get("digest") if isinstance(summary, dict) else getattr(summary, "digest", None)
        if result.error or not own:
            return None
        digest.update(f"{own}:{int(reference)}\0".encode())
    return digest.hexdigest()


class CrossCache:
    def __init__(self, enabled: bool = True):
        self.directory = user_cache_dir("cross") if enabled else None

    def _file(self, key: str) -> str:
        assert self.directory is not None
        return os.path.join(self.directory, f"{key}.json")

    def get(self, key: str | None) -> CrossAdditions | None:
        if self.directory is None or key is None:
            return None
        from reportlint.engine.result_cache import _finding_from_json

        try:
            data = read_json(self._file(key))
            return CrossAdditions(
                {int(index): [_finding_from_json(item) for item in items] for index, items in data["findings"].items()},
                {int(index): metadata for index, metadata in data["metadata"].items()},
                {int(index): {int(number): line for number, line in lines.items()} for index, lines in data["lines"].items()},
                [],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str | None, added: CrossAdditions) -> None:
        if self.directory is None or key is None or added.problems:
            return
        from reportlint.engine.result_cache import _finding_to_json

        payload = {
            "findings": {str(index): [_finding_to_json(finding) for finding in items] for index, items in added.findings.items()},
            "metadata": {str(index): metadata for index, metadata in added.metadata.items()},
            "lines": {str(index): {str(number): line for number, line in lines.items()} for index, lines in added.lines.items()},
        }
        try:
            write_json(self._file(key), payload, default=str)
        except OSError:
            pass  # a cache that cannot be written only costs time


class PairCache:
    """The pair rules' findings of the last run made with one configuration, by pair (the two
    reports' cache keys): a rerun checks again only the pairs one of whose reports changed.
    Rewritten after each run with the pairs of that run, so it holds one run's worth."""

    def __init__(self, fingerprint: str, enabled: bool = True):
        directory = user_cache_dir("cross") if enabled else None
        self.path = os.path.join(directory, f"pairs-{fingerprint[:32]}.json") if directory else None

    def load(self) -> dict[str, list[Finding]] | None:
        """The findings by pair key; {} when there are none yet, None when the cache is off."""
        if self.path is None:
            return None
        from reportlint.engine.result_cache import _finding_from_json

        try:
            data = read_json(self.path)
            return {key: [_finding_from_json(item) for item in items] for key, items in data.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save(self, pairs: dict[str, list[Finding]] | None) -> None:
        if self.path is None or pairs is None:
            return
        from reportlint.engine.result_cache import _finding_to_json

        try:
            write_json(self.path, {key: [_finding_to_json(finding) for finding in items] for key, items in pairs.items()},
                       default=str)
        except OSError:
            pass
