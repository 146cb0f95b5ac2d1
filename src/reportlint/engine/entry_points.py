"""The installed ``reportlint`` entry points, remembered between runs.

``importlib.metadata`` is the authority, but importing it and scanning every distribution costs
a fresh process ~30 ms — a fifth of a pre-commit run. The answer is kept in the private cache
directory under a stamp of what decides it (the distributions' metadata folders on ``sys.path``
and their entry-point files' modification times, ~1 ms to take) and asked again only when that
stamp changes.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sys
from typing import Any, NamedTuple

from reportlint.cache import read_json, user_cache_dir, write_json

_CACHE_FORMAT = 1


class EntryPoint(NamedTuple):
    name: str
    value: str  # "module" or "module:attribute.path"
    dist_name: str  # "" when the distribution is unknown
    dist_version: str

    def load(self) -> Any:
        module_name, _, attributes = self.value.partition(":")
        target: Any = importlib.import_module(module_name.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            target = getattr(target, attribute)
        return target


def _path_stamp() -> list[list[Any]]:
    """Each distribution's metadata folder on ``sys.path`` with its entry_points.txt's modification
    time: a distribution installed, removed or upgraded changes the folder list (its name holds the
    version), and an entry point edited in place changes the time."""
    stamp: list[list[Any]] = []
    for entry in sys.path:
        stamp.append([entry])
        try:
            listing = os.scandir(entry or ".")
        except OSError:  # missing, or a zip file (its own modification time covers it)
            stamp[-1].append(_modified(entry))
            continue
        with listing:
            folders = sorted(item.name for item in listing if item.name.endswith((".dist-info", ".egg-info")))
        stamp[-1].extend([name, _modified(os.path.join(entry or ".", name, "entry_points.txt"))] for name in folders)
    return stamp


def _modified(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _scan(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    versions: dict[str, str] = {}  # one metadata read per distribution, not per entry point
    found = []
    for entry in entry_points(group=group):
        dist = getattr(entry, "dist", None)
        if dist is not None and dist.name not in versions:
            versions[dist.name] = dist.version
        name = dist.name if dist is not None else ""
        found.append(EntryPoint(entry.name, entry.value, name, versions.get(name, "")))
    return found


def installed_entry_points(group: str) -> list[EntryPoint]:
    """Every entry point in ``group``, in ``importlib.metadata``'s order."""
    folder = user_cache_dir()
    # One file per interpreter and sys.path, so a console script and ``python -m`` (whose first
    # sys.path entries differ) do not overwrite each other's answer on every run.
    key = hashlib.sha256(repr([sys.executable, sys.path]).encode()).hexdigest()[:16]
    path = os.path.join(folder, f"entry-points-{group}-{key}.json") if folder is not None else None
    stamp = [_CACHE_FORMAT, sys.executable, _path_stamp()]
    if path is not None:
        try:
            saved = read_json(path)
            if saved["stamp"] == stamp:
                return [EntryPoint(*entry) for entry in saved["entry_points"]]
        except (OSError, ValueError, KeyError, TypeError):
            pass  # absent, stale or damaged: ask importlib.metadata
    found = _scan(group)
    if path is not None:
        try:
            write_json(path, {"stamp": stamp, "entry_points": found})
        except OSError:
            pass
    return found
