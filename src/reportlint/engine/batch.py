"""Checking many files: in this process or in worker processes, in a stable order, through the
result cache, each file within its time and memory limits. Returns results; the CLI prints them.

One file cannot take a batch down: a file over its time limit is stopped by an alarm in the
process that checks it, a file over its memory limit meets a MemoryError there, and a worker
that still hangs or dies (a crash in a native library, the kernel's OOM killer) is replaced,
the file reported as not checked, and the rest goes on."""

from __future__ import annotations

import contextlib
import os
import time
from typing import Callable, Iterator, NamedTuple, Sequence

from reportlint.engine.config import Config, ConfigError
from reportlint.engine.linter import Linter
from reportlint.engine.result_cache import ResultCache, config_fingerprint
from reportlint.findings import FileResult, Finding, SourceText
from reportlint.loaders import Limits

# Below this many files per worker a pool costs more to start than it saves.
MIN_FILES_PER_WORKER = 8
# A worker still busy this long after its file's own time limit is stuck where the alarm cannot
# reach (native code): it is killed from outside.
HARD_LIMIT_GRACE = 15.0


class Task(NamedTuple):
    path: str
    config: Config
    encoding: str | None = None
    use_cache: bool = True
    keep_text: bool = False  # the reporter shows whole reports (FileResult.source_text)


class LimitExceeded(BaseException):
    """A file went over its time limit. A BaseException, so that no ``except Exception`` on
    the way (a loader wrapping a library's errors) can take it for a damaged file."""


_linters: dict[str, Linter] = {}


def linter_for(config: Config) -> Linter:
    """The linter for a configuration, made once per process (making it checks the
    configuration: ConfigError for an unknown rule or option)."""
    # Keyed by content: in a worker process every task brings its own (unpickled) copy.
    key = config_fingerprint(config)
    if key not in _linters:
        _linters[key] = Linter(config)
    return _linters[key]


def _input_error(path: str, message: str) -> FileResult:
    return FileResult(path, error=message, metadata={"kind": "input"})


def signals():
    """The signal functions and constants: the C module itself, as the ``signal`` module wraps it
    in enums that cost a fresh process ~1.5 ms to build (a sixth of what a run adds to Python)."""
    try:
        import _signal

        return _signal
    except ImportError:  # another Python implementation
        import signal

        return signal


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", "rb") as file:
            return int(file.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@contextlib.contextmanager
def file_limits(limits: Limits):
    """Within the block: an alarm after ``limits.seconds`` (LimitExceeded), and an address space
    ``limits.memory_bytes`` larger than now (MemoryError past it). Only in the main thread of a
    POSIX process; elsewhere (a library caller's thread) the block runs unguarded."""
    import threading

    signal = signals()
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(_signum, _frame):
        raise LimitExceeded(f"超时 (time limit: more than {limits.seconds:g} s for this file)")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    memory = None
    try:
        import resource

        size = _address_space()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if size is not None:
            wanted = size + limits.memory_bytes
            if hard == resource.RLIM_INFINITY or wanted < hard:
                resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
                memory = (soft, hard)
    except (ImportError, ValueError, OSError):
        pass
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, memory)


def check_file(task: Task) -> FileResult:
    """Lint one file; every failure becomes the result's ``error`` (never an exception)."""
    from reportlint.loaders import read_file_bytes
    from reportlint.source import InputError

    try:
        data = read_file_bytes(task.path, task.config.limits)
    except InputError as error:
        return _input_error(task.path, str(error))
    return check_data(data, task.path, task.config, task.encoding, task.use_cache, task.keep_text)


def check_data(data: bytes, path: str, config: Config, encoding: str | None = None, use_cache: bool = True,
               keep_text: bool = False) -> FileResult:
    """Lint a report given as bytes (a file's, or standard input's) under the name ``path``,
    within the configuration's limits; with ``keep_text``, the result carries the whole text
    (``source_text``)."""
    from reportlint.loaders import load_bytes
    from reportlint.source import InputError

    try:
        if not data.strip():
            raise InputError("文件为空 (empty file)")
        cache = ResultCache(enabled=use_cache)
        key = cache.key(data, path, config, encoding) if cache.enabled else ""
        cached = cache.get(key, with_text=keep_text)
        if cached is not None:
            return cached
        with file_limits(config.limits):
            source = load_bytes(data, path, encoding, config.limits)
            outcome = linter_for(config).lint_source(source)
            result = FileResult.from_findings(path, outcome.findings, source.original, report_metadata(outcome.report))
            # What the cross-report rules read of it; the key says what it was made from, so a
            # rerun of the same reports is answered from the cache (engine.cross_cache).
            result.summary = {**cross_summary(outcome.report), "digest": key}
    except InputError as error:
        return _input_error(path, str(error))
    except LimitExceeded as error:
        return _input_error(path, str(error))
    except MemoryError:
        return _input_error(path, f"内存超限 (memory limit: more than {config.limits.memory_bytes // (1024 * 1024)} MB for this file)")
    except RecursionError:
        return _input_error(path, "嵌套过深，无法读取 (nested too deeply to read)")
    except ConfigError as error:
        return FileResult(path, error=f"配置错误 (configuration error): {error}", metadata={"kind": "config"})
    except Exception as error:  # a bug must not hide the other files' results
        return FileResult(path, error=f"内部错误 (internal error): {type(error).__name__}: {error}",
                          metadata={"kind": "internal"})
    if keep_text:
        result.source_text = source_text(source, outcome.findings)
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


def source_text(source, findings: list[Finding]) -> SourceText:
    """The text a person reads, and where the findings' spans are in it. A web page's spans
    point into its markup: they are mapped onto the text rendered from it."""
    if source.rendition_map is None:
        return SourceText(source.original, source.kind)
    spans = {finding.span for finding in findings if finding.span}
    spans.update(item.span for finding in findings for item in finding.related if item.span and item.path is None)
    rendition, to_page = source.rendition, source.rendition_map

    def in_rendition(page_offset: int) -> int:
        # The first rendition offset that maps at or past the page offset (the map only grows).
        low, high = 0, len(rendition)
        while low < high:
            middle = (low + high) // 2
            if to_page.original_offset(middle) < page_offset:
                low = middle + 1
            else:
                high = middle
        return low

    positions = {}
    for span in spans:
        start = in_rendition(span.start)
        positions[(span.start, span.end)] = (start, max(start + 1, in_rendition(span.end)) if span.end > span.start else start)
    return SourceText(rendition, source.kind, positions)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_files(tasks: Sequence[Task], jobs: int | None = None,
                progress: Callable[[FileResult], None] | None = None) -> Iterator[FileResult]:
    """Results in the order of ``tasks``, whatever the number of jobs. Closing the iterator
    early (an interrupted run) stops the workers at once."""
    jobs = jobs or default_jobs()
    workers = min(jobs, len(tasks) // MIN_FILES_PER_WORKER)
    if workers <= 1:
        for task in tasks:
            result = check_file(task)
            if progress:
                progress(result)
            yield result
        return
    pool = _Pool(workers)
    try:
        for result in pool.run(tasks):
            if progress:
                progress(result)
            yield result
    finally:
        pool.stop()


def _worker(connection) -> None:
    """A worker's life: a task in, its result out, until the parent sends None or goes away."""
    signal = signals()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        result = check_file(task)
        try:
            connection.send(result)
        except (OSError, ValueError):  # the parent is gone
            return


class _Worker(NamedTuple):
    process: object
    connection: object


class _Pool:
    """Worker processes fed one file at a time, so the parent always knows which file each one
    holds and since when: a worker that dies or outlives its file's limit is replaced, and only
    that file is reported as not checked."""

    def __init__(self, size: int):
        import multiprocessing

        self._context = multiprocessing.get_context()
        self._workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker, args=(child,), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, tasks: Sequence[Task]) -> Iterator[FileResult]:
        from multiprocessing.connection import wait

        pending = iter(enumerate(tasks))
        busy: dict[int, tuple[int, float, Task]] = {}  # worker slot → (task index, start, task)
        done: dict[int, FileResult] = {}
        next_out = 0
        for slot in range(len(self._workers)):
            self._feed(slot, pending, busy)
        while next_out < len(tasks):
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not busy:
                return
            now = time.monotonic()
            deadline = min(start + task.config.limits.seconds + HARD_LIMIT_GRACE for _, start, task in busy.values())
            waiting = {self._workers[slot].connection: slot for slot in busy}
            waiting.update({self._workers[slot].process.sentinel: slot for slot in busy})
            answered: set[int] = set()
            for ready in wait(list(waiting), timeout=max(0.0, deadline - now)):
                slot = waiting[ready]
                if slot in answered:
                    continue  # both its pipe and its sentinel were ready; the slot may hold a new task by now
                answered.add(slot)
                index, _, task = busy[slot]
                result = self._receive(slot, task)
                done[index] = result
                del busy[slot]
                self._feed(slot, pending, busy)
            now = time.monotonic()
            for slot, (index, start, task) in list(busy.items()):
                if now - start > task.config.limits.seconds + HARD_LIMIT_GRACE:
                    self._replace(slot)
                    done[index] = _input_error(task.path, f"超时 (time limit: more than {task.config.limits.seconds:g} s "
                                                          "for this file; the worker was stopped)")
                    del busy[slot]
                    self._feed(slot, pending, busy)

    def _feed(self, slot: int, pending, busy) -> None:
        for index, task in pending:
            try:
                self._workers[slot].connection.send(task)
            except (OSError, ValueError):  # the worker died before it was given anything
                self._replace(slot)
                self._workers[slot].connection.send(task)
            busy[slot] = (index, time.monotonic(), task)
            return

    def _receive(self, slot: int, task: Task) -> FileResult:
        worker = self._workers[slot]
        try:
            if worker.connection.poll():
                return worker.connection.recv()
        except (EOFError, OSError):
            pass
        worker.process.join(1)
        code = worker.process.exitcode
        self._replace(slot)
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return _input_error(task.path, f"检查进程意外退出 (the worker checking this file died: {how})")

    def _replace(self, slot: int) -> None:
        self._kill(self._workers[slot])
        self._workers[slot] = self._start()

    @staticmethod
    def _kill(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.connection.close()

    def stop(self) -> None:
        """Workers told to finish, and killed if they are in the middle of a file."""
        for worker in self._workers:
            try:
                worker.connection.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 0.5
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(worker)
        self._workers = []
