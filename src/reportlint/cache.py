"""The per-user cache directory, shared by the grammar, template and result caches."""

from __future__ import annotations

import json
import os
import stat
from typing import Any, Callable


def user_cache_dir(*parts: str) -> str | None:
    """A private directory under ``$XDG_CACHE_HOME/reportlint`` (or ``~/.cache/reportlint``),
    created with mode 0700; None when it cannot be made private (then nothing is cached).
    ``REPORTLINT_CACHE_DIR`` overrides the location. (os.path rather than pathlib throughout the
    path of a one-file run: pathlib costs a fresh process ~4 ms to import.)"""
    base = os.environ.get("REPORTLINT_CACHE_DIR")
    if base:
        root = base
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(xdg, "reportlint")
    directory = os.path.join(root, *parts)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        for folder in (root, directory):
            info = os.stat(folder)
            # Only a directory nobody else can write is safe to read caches from.
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
                return None
    except OSError:
        return None
    return directory


def write_json(path: str, data: Any, default: Callable[[Any], Any] | None = None) -> None:
    """Write ``data`` as JSON to a private temporary name and move it into place, so a run in
    parallel never reads half a file. Raises OSError; callers treat a cache they cannot write as
    only a lost speed-up."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, default=default)
    os.replace(temporary, path)


def read_json(path: str) -> Any:
    with open(path, encoding="utf-8") as file:
        return json.load(file)
