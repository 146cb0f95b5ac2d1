"""The per-file result cache: an unchanged report is not linted twice.

The key covers everything that decides the findings: the file's bytes and path, the resolved
configuration, reportlint's own code and templates, and the installed plugins. Entries are JSON
in the private per-user cache directory — never pickles, so a planted file cannot run code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import fields
from typing import Any

from reportlint.cache import read_json, user_cache_dir, write_json
from reportlint.engine.entry_points import installed_entry_points
from reportlint.engine.config import Config
from reportlint.findings import FileResult, Finding, Location, Message, Related, Severity, SourceText
from reportlint.plugin_api import ENTRY_POINT_GROUP
from reportlint.source import Span

CACHE_FORMAT = 2


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What reportlint and its plugins are: version, every source and data file of the package
    (name, size, modification time), and the plugins' entry points with their versions."""
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".lark")):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}".encode())
    grammar = os.path.join(os.path.dirname(os.path.dirname(package)), "grammars", "report.lark")  # a source checkout keeps it here
    if os.path.isfile(grammar):
        info = os.stat(grammar)
        digest.update(f"{grammar}:{info.st_size}:{info.st_mtime_ns}".encode())
    for entry in sorted(installed_entry_points(ENTRY_POINT_GROUP)):
        digest.update(f"{entry.name}={entry.value}@{entry.dist_version}".encode())
        top = entry.value.partition(":")[0].strip().split(".")[0]
        if top != "reportlint":  # a plugin edited in place keeps its version: its code decides
            _code_stamp(top, digest)
    digest.update(os.environ.get("REPORTLINT_DISABLE_PLUGIN_AUTOLOAD", "").encode())
    return digest.hexdigest()


def _code_stamp(module: str, digest) -> None:
    """Name, size and modification time of every source file of a top-level module or package,
    found without importing it (an editable install included)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        digest.update(f"{module}:missing".encode())
        return
    folders = list(spec.submodule_search_locations or ())
    files = [spec.origin] if spec.origin and not folders else []
    for top in folders:
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            files.extend(os.path.join(folder, name) for name in sorted(names) if name.endswith((".py", ".yaml", ".json", ".lark")))
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            continue
        digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}".encode())


def config_fingerprint(config: Config) -> str:
    data = {field.name: getattr(config, field.name) for field in fields(config) if field.name != "lines"}
    for template in config.templates:  # the content of extra template specs matters, not just their names
        try:
            with open(template, "rb") as file:
                data[f"template:{template}"] = hashlib.sha256(file.read()).hexdigest()
        except OSError:
            pass
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    data = {field.name: getattr(finding, field.name) for field in fields(finding)}
    for key, value in data.items():
        if hasattr(value, "_asdict"):  # Message, Span, Location: named tuples, stored as objects
            data[key] = value._asdict()
    data["severity"] = finding.severity.value
    data["related"] = [{"path": item.path, "span": item.span._asdict() if item.span else None,
                        "message": item.message._asdict()} for item in finding.related]
    return data


def _finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(
        code=data["code"],
        rule=data["rule"],
        category=data["category"],
        severity=Severity(data["severity"]),
        message=Message(**data["message"]),
        span=Span(**data["span"]) if data["span"] else None,
        location=Location(**data["location"]),
        evidence=data["evidence"],
        suggestion=Message(**data["suggestion"]) if data["suggestion"] else None,
        path=data["path"],
        origin=data.get("origin"),
        related=tuple(Related(item["path"], Span(**item["span"]) if item["span"] else None, Message(**item["message"]))
                      for item in data.get("related", ())),
    )


class ResultCache:
    def __init__(self, enabled: bool = True, directory: str | os.PathLike[str] | None = None):
        """``enabled=False`` (``--no-cache``) neither reads nor writes."""
        self.directory = (directory or user_cache_dir("results")) if enabled else None

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def key(self, data: bytes, path: str, config: Config, encoding: str | None) -> str:
        digest = hashlib.sha256()
        for part in (code_fingerprint(), config_fingerprint(config), os.path.abspath(path), encoding or ""):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        assert self.directory is not None
        return os.path.join(self.directory, key[:2], f"{key[2:]}.json")

    def _text_file(self, key: str) -> str:
        # Beside the result, in a file of its own: a run that does not show whole reports never
        # reads it, so the results stay small.
        return self._file(key)[: -len(".json")] + ".text"

    def get(self, key: str, with_text: bool = False) -> FileResult | None:
        """The stored result, its metadata marked ``cached``; None when there is none (or, with
        ``with_text``, when its whole text was not stored)."""
        if not self.enabled:
            return None
        try:
            data = read_json(self._file(key))
            text = None
            if with_text:
                stored = read_json(self._text_file(key))
                text = SourceText(stored["text"], stored["kind"],
                                  {(start, end): (view_start, view_end) for start, end, view_start, view_end in stored["positions"]})
            return FileResult(
                data["path"],
                [_finding_from_json(item) for item in data["findings"]],
                source_lines={int(number): line for number, line in data.get("source_lines", {}).items()},
                metadata={**data["metadata"], "cached": True},
                source_text=text,
                summary=data.get("summary"),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, or damaged: lint again

    def put(self, key: str, result: FileResult) -> None:
        if not self.enabled or result.error:
            return
        target = self._file(key)
        payload = {
            "path": result.path,
            "findings": [_finding_to_json(finding) for finding in result.findings],
            "metadata": result.metadata,
            "source_lines": result.source_lines,
            "summary": result.summary if isinstance(result.summary, dict) or result.summary is None else result.summary.to_json(),
        }
        try:
            os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
            write_json(target, payload, default=str)
            if result.source_text is not None:
                text = result.source_text
                write_json(self._text_file(key), {"text": text.text, "kind": text.kind, "positions": [
                    [*span, *view] for span, view in text.positions.items()]})
        except OSError:
            pass  # a cache that cannot be written only costs time
