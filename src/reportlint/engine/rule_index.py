"""What configuration checking needs to know about the installed rules — codes, names,
categories, option names — and which class serves each output format, kept as JSON beside the
result cache, so that a run answered entirely from the cache can check its configuration and pick
its reporter without importing the rules or the plugins.

The index is keyed by the same fingerprint as the result cache (reportlint's own files and the
installed plugins), so it can never describe other rules than those installed.
"""

from __future__ import annotations

import os
from typing import Iterable, NamedTuple

from reportlint.cache import read_json, user_cache_dir, write_json
from reportlint.engine.result_cache import code_fingerprint


class RuleEntry(NamedTuple):
    code: str
    name: str
    category: str
    options: tuple[str, ...]


class RuleIndex(NamedTuple):
    rules: list[RuleEntry]
    reporters: dict[str, str]  # format name -> "module:QualifiedName"


def _index_file() -> str | None:
    directory = user_cache_dir("rules")
    return os.path.join(directory, f"{code_fingerprint()}.json") if directory is not None else None


def save_index(rules: Iterable[type], reporters: dict[str, type]) -> None:
    path = _index_file()
    if path is None or os.path.exists(path):
        return
    data = {
        "rules": [{"code": r.code, "name": r.name, "category": r.category, "options": list(r.options)} for r in rules],
        "reporters": {name: f"{cls.__module__}:{cls.__qualname__}" for name, cls in reporters.items()},
    }
    try:
        write_json(path, data)
    except OSError:
        pass  # without an index the next run simply loads the rules


def load_index() -> RuleIndex | None:
    path = _index_file()
    if path is None:
        return None
    try:
        data = read_json(path)
        rules = [RuleEntry(e["code"], e["name"], e["category"], tuple(e["options"])) for e in data["rules"]]
        return RuleIndex(rules, {str(name): str(target) for name, target in data["reporters"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
