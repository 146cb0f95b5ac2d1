"""Checking many files: in this process or in a pool of worker processes, in a stable order,
through the result cache. Returns results; the CLI prints them."""

from __future__ import annotations

import os
from typing import Callable, Iterator, NamedTuple, Sequence

from reportlint.engine.config import Config, ConfigError
from reportlint.engine.linter import Linter
from reportlint.engine.result_cache import ResultCache, config_fingerprint
from reportlint.findings import FileResult

# Below this many files per worker a pool costs more to start than it saves.
MIN_FILES_PER_WORKER = 8


class Task(NamedTuple):
    path: str
    config: Config
    encoding: str | None = None
    use_cache: bool = True


_linters: dict[str, Linter] = {}


def linter_for(config: Config) -> Linter:
    """The linter for a configuration, made once per process (making it checks the
    configuration: ConfigError for an unknown rule or option)."""
    # Keyed by content: in a worker process every task brings its own (unpickled) copy.
    key = config_fingerprint(config)
    if key not in _linters:
        _linters[key] = Linter(config)
    return _linters[key]


def check_file(task: Task) -> FileResult:
    """Lint one file; every failure becomes the result's ``error`` (never an exception)."""
    from reportlint.loaders import read_file_bytes
    from reportlint.source import InputError

    try:
        data = read_file_bytes(task.path)
    except InputError as error:
        return FileResult(task.path, error=str(error), metadata={"kind": "input"})
    return check_data(data, task.path, task.config, task.encoding, task.use_cache)


def check_data(data: bytes, path: str, config: Config, encoding: str | None = None, use_cache: bool = True) -> FileResult:
    """Lint a report given as bytes (a file's, or standard input's) under the name ``path``."""
    from reportlint.loaders import load_bytes
    from reportlint.source import InputError

    try:
        if not data.strip():
            raise InputError("文件为空 (empty file)")
        cache = ResultCache(enabled=use_cache)
        key = cache.key(data, path, config, encoding) if cache.enabled else ""
        cached = cache.get(key)
        if cached is not None:
            return cached
        source = load_bytes(data, path, encoding)
        outcome = linter_for(config).lint_source(source)
    except InputError as error:
        return FileResult(path, error=str(error), metadata={"kind": "input"})
    except ConfigError as error:
        return FileResult(path, error=f"配置错误 (configuration error): {error}", metadata={"kind": "config"})
    except Exception as error:  # a bug must not hide the other files' results
        return FileResult(path, error=f"内部错误 (internal error): {type(error).__name__}: {error}",
                          metadata={"kind": "internal"})
    report = outcome.report
    result = FileResult.from_findings(path, outcome.findings, source.original, report_metadata(report))
    # The key says what the summary was made from: a rerun of the same reports is answered
    # from the cache (engine.cross_cache).
    result.summary = {**cross_summary(report), "digest": key}
    cache.put(key, result)
    return result


def cross_summary(report) -> dict:
    """What the cross-report rules need of the report, kept with its result (engine.pairing)."""
    from reportlint.rules.cross.summary import summarise

    return summarise(report).to_json()


def report_metadata(report) -> dict:
    """What reporters show about a report besides its findings: template, year, and who wrote
    it (the agency as printed, its plausible kinds)."""
    identity = report.identity
    return {
        "template": report.template.id if report.template else None,
        "year": report.year,
        "agency": identity.agency if identity else None,
        "agency_kind": list(identity.kinds) if identity and identity.kinds else None,
    }


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_files(tasks: Sequence[Task], jobs: int | None = None,
                progress: Callable[[FileResult], None] | None = None) -> Iterator[FileResult]:
    """Results in the order of ``tasks``, whatever the number of jobs."""
    jobs = jobs or default_jobs()
    workers = min(jobs, len(tasks) // MIN_FILES_PER_WORKER)
    if workers <= 1:
        for task in tasks:
            result = check_file(task)
            if progress:
                progress(result)
            yield result
        return
    from concurrent.futures import ProcessPoolExecutor  # ~15 ms to import; a single file never needs it

    chunk = max(1, min(32, len(tasks) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(check_file, tasks, chunksize=chunk):
            if progress:
                progress(result)
            yield result
