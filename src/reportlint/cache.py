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
        parent = os.path.dirname(os.path.abspath(root))
        if parent:
            os.makedirs(parent, exist_ok=True)  # ~/.cache: the user's own, left as it is
        # Each level created private (makedirs gives its mode to the last level only), and each
        # checked: only a directory nobody else can write is safe to read caches from.
        level = root
        for part in ("", *parts):
            level = os.path.join(level, part) if part else level
            try:
                os.mkdir(level, 0o700)
            except FileExistsError:
                pass
            info = os.stat(level)
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
                return None
    except OSError:
        return None
    return directory


# Every cache file starts with this line and the SHA-256 of the JSON after it: a file that is
# damaged, of an older layout, or simply some other valid JSON (``{}``) is a miss, never data
# that is trusted and then fails far from here.
_HEADER = "reportlint-cache-1 "


def write_json(path: str, data: Any, default: Callable[[Any], Any] | None = None) -> None:
    """Write ``data`` as checksummed JSON to a private temporary name and move it into place, so
    a run in parallel never reads half a file. Raises OSError; callers treat a cache they cannot
    write as only a lost speed-up."""
    body = json.dumps(data, ensure_ascii=False, default=default)
    temporary = f"{path}.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", encoding="utf-8") as file:
        file.write(f"{_HEADER}{_checksum(body)}\n{body}")
    os.replace(temporary, path)


def read_json(path: str, object_hook: Callable[[dict], Any] | None = None) -> Any:
    """The data of a file :func:`write_json` wrote. ValueError when it is not one, or damaged."""
    with open(path, encoding="utf-8") as file:
        header = file.readline()
        body = file.read()
    if not header.startswith(_HEADER) or header[len(_HEADER) :].strip() != _checksum(body):
        raise ValueError(f"not a reportlint cache file, or damaged: {path}")
    return json.loads(body, object_hook=object_hook)


def _checksum(body: str) -> str:
    import hashlib

    return hashlib.sha256(body.encode("utf-8")).hexdigest()
