"""The per-user cache directory, shared by the grammar, template and result caches."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def user_cache_dir(*parts: str) -> Path | None:
    """A private directory under ``$XDG_CACHE_HOME/reportlint`` (or ``~/.cache/reportlint``),
    created with mode 0700; None when it cannot be made private (then nothing is cached).
    ``REPORTLINT_CACHE_DIR`` overrides the location."""
    base = os.environ.get("REPORTLINT_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = Path(xdg) / "reportlint"
    directory = root.joinpath(*parts)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        for folder in (root, directory):
            info = folder.stat()
            # Only a directory nobody else can write is safe to read caches from.
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
                return None
    except OSError:
        return None
    return directory
