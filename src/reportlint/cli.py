"""The command line. The only place that prints, reads arguments or exits.

Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 a usage, configuration or input
error (the other files are still checked); 3 an internal error (a bug in reportlint or a plugin).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Sequence

from reportlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportlint",
        description="检查政府信息公开工作年度报告 (lint government information-disclosure annual reports).",
        epilog=(
            "常用命令 (everyday commands):\n"
            "  reportlint 报告.txt                 检查一个报告 (check a report)\n"
            "  reportlint reports/ --format json   检查整个文件夹，输出 JSON\n"
            "  reportlint rules                    列出所有规则 (list rules)\n"
            "  reportlint rule RL201               查看规则说明 (explain a rule)\n"
            "  reportlint parse 报告.txt            查看解析结果 (show the parsed report)\n"
            "  reportlint export reports/ -o cells.csv  导出所有表格数据 (export every table cell)\n"
            "exit codes: 0 clean · 1 findings · 2 usage/config/input error · 3 internal error"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reportlint {__version__}", help="show the version and exit")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input")
    selection = parser.add_argument_group("rule selection (codes, code prefixes, names or categories; comma-separated)")
    selection.add_argument("--select", action="append", help="run only these rules (replaces the configured set)")
    selection.add_argument("--extend-select", action="append", help="add these rules to the selection")
    selection.add_argument("--ignore", action="append", help="skip these rules")
    selection.add_argument("--extend-ignore", action="append", help="skip these rules as well")
    selection.add_argument("--preview", action="store_true", default=None,
                           help="also run the rules in preview (not yet shown precise on the real corpus)")
    output = parser.add_argument_group("output")
    output.add_argument("--format", default=None, help="text (default), json, sarif, github, or a plugin's format")
    output.add_argument("--output", "-o", help="write the report to this file instead of standard output")
    output.add_argument("--lang", choices=("zh", "en"), help="language of messages (default zh)")
    output.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    run = parser.add_argument_group("run")
    run.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default warning)")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    run.add_argument("--config", help="use this configuration file instead of searching for one")
    run.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    run.add_argument("--stdin-filename", help="the name to report for standard input (also used to find its configuration)")
    run.add_argument("--encoding", help="force the text encoding of the input (e.g. gb18030)")
    run.add_argument("--previous", action="append", metavar="PATH",
                     help="last year's reports (file or folder, repeatable): compared with, not checked")
    run.add_argument("--exclude", action="append", help="glob patterns of paths to skip when walking folders")
    run.add_argument("--force-exclude", action="store_true", help="apply excludes to files named on the command line too (for pre-commit)")
    run.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    run.add_argument("--no-cache", action="store_true", help="lint every file again, ignoring the per-file result cache")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    baseline = parser.add_argument_group("baseline (report only new findings)")
    baseline.add_argument("--baseline", metavar="FILE", help="leave out the findings recorded in FILE (a JSON baseline)")
    baseline.add_argument("--update-baseline", action="store_true",
                          help="record this run's findings in the --baseline FILE (made if missing; findings gone are dropped)")
    return parser


# -- checking ---------------------------------------------------------------------------------


def _exclude_spec(patterns: list[str]):
    if not patterns:
        return None
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", patterns)


def _collect(paths: Sequence[str], excludes: list[str], force_exclude: bool) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check, and folders that could not be read. Folders are walked (sorted, so the
    order is stable; links to folders are not followed, so a link loop cannot trap the walk),
    excludes applied .gitignore-style relative to the folder walked; named files excluded only
    with --force-exclude (pre-commit names files one by one). A named path that is not a folder
    goes on as a file: reading it says what is wrong with it (missing, a link loop, a FIFO)."""
    from reportlint.loaders import SUFFIXES

    spec = _exclude_spec(excludes)
    files: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
        elif os.path.isdir(raw):
            files.extend(_walk(raw, spec, SUFFIXES, unreadable))
        else:
            relative = os.path.relpath(raw).replace(os.sep, "/")
            if not (force_exclude and spec is not None and spec.match_file(relative)):
                files.append(raw)
    return files, unreadable


def _walk(top: str, spec, suffixes: tuple[str, ...], unreadable: list[tuple[str, str]]) -> list[str]:
    def failed(error: OSError) -> None:
        reason = error.strerror or str(error)
        unreadable.append((error.filename or top, f"无法读取文件夹 (cannot read the folder: {reason})"))

    found: list[tuple[tuple[str, ...], str]] = []
    for folder, subfolders, names in os.walk(top, onerror=failed):
        relative_folder = os.path.relpath(folder, top)
        parts = () if relative_folder == "." else tuple(relative_folder.split(os.sep))
        if spec is not None:
            subfolders[:] = [name for name in subfolders if not spec.match_file("/".join((*parts, name)) + "/")]
        for name in names:
            if os.path.splitext(name)[1].lower() not in suffixes:
                continue
            if spec is not None and spec.match_file("/".join((*parts, name))):
                continue
            found.append(((*parts, name), os.path.join(folder, name)))
    found.sort()  # by path components, as a sorted walk of pathlib paths gives them
    return [path for _, path in found]


def _refuse_output_over_inputs(output: str | None, files: list[str]) -> None:
    """reportlint never writes to the files it checks: ``-o`` naming one of them is refused
    before anything is opened for writing."""
    if not output or not os.path.exists(output):
        return
    for path in files:
        try:
            if path != "-" and os.path.samefile(output, path):
                raise UsageError(f"输出文件是被检查的文件之一，不会覆盖 (the output file is one of the inputs: {output})")
        except OSError:
            continue


def _config_for(args: argparse.Namespace, target: str, cache: dict):
    from reportlint.engine import Config, find_config, load_config

    if args.isolated:
        key = None
    elif args.config:
        key = args.config
    else:
        found = find_config(os.path.dirname(os.path.abspath(target)) if target != "-" else os.getcwd())
        key = str(found) if found else None
    if key not in cache:
        config = load_config(key) if key else Config()
        if args.select is not None:
            config.select = _split(args.select)
        config.extend_select = config.extend_select + (_split(args.extend_select) or [])
        config.ignore = config.ignore + (_split(args.ignore) or [])
        config.extend_ignore = config.extend_ignore + (_split(args.extend_ignore) or [])
        if args.fail_on:
            from reportlint.findings import Severity

            config.fail_on = Severity.parse(args.fail_on)
        if args.lang:
            config.lang = args.lang
        if args.preview:
            config.preview = True
        cache[key] = config
    return cache[key]


def _progress(total: int, enabled: bool):
    """A rich progress bar on standard error while many files are checked (a terminal only)."""
    if not enabled or total < 2 or not sys.stderr.isatty() or os.environ.get("NO_PROGRESS"):
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("[bold]reportlint"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("check", total=total)
    return progress, lambda _result: progress.advance(task)


# Formats the fast path can write without loading plugins: built-in ones that need no rule docs,
# used only while the rule index says no plugin has taken the name over.
_CACHED_FORMATS = {
    "text": "reportlint.reporting.terminal:TerminalReporter",
    "json": "reportlint.reporting.json_reporter:JsonReporter",
    "github": "reportlint.reporting.github:GithubReporter",
}


def _from_cache(args: argparse.Namespace, files: list[str], configs: dict, previous: list[str] = (), run_config=None):
    """Every file's result from the result cache, or None as soon as one is not there. Answers
    without importing the parser, the binder or the rules (the configuration is checked against
    the rule index instead): an unchanged report in a pre-commit hook costs little more than
    starting Python."""
    if args.no_cache or not files or "-" in files or (args.format or "text") not in _CACHED_FORMATS:
        return None
    from reportlint.engine.config import validate_config
    from reportlint.engine.result_cache import ResultCache
    from reportlint.engine.rule_index import load_index
    from reportlint.loaders import read_file_bytes
    from reportlint.source import InputError

    index = load_index()
    cache = ResultCache()
    if index is None or not cache.enabled:
        return None
    output_format = args.format or "text"
    if index.reporters.get(output_format) != _CACHED_FORMATS[output_format]:
        return None
    checked: set[int] = set()
    results = []
    for path in [*files, *previous]:
        config = _config_for(args, path, configs)
        if id(config) not in checked:
            validate_config(config, index.rules)
            checked.add(id(config))
        try:
            data = read_file_bytes(path, config.limits)
        except InputError:
            return None  # the full run reports it
        cached = cache.get(cache.key(data, path, config, args.encoding)) if data.strip() else None
        if cached is None:
            return None
        results.append(cached)
    if len(results) > 1:  # several reports: what the cross-report rules added, kept for this very run
        from reportlint.engine.cross_cache import CrossCache, apply, run_key
        from reportlint.engine.result_cache import config_fingerprint

        references = [False] * len(files) + [True] * len(previous)
        added = CrossCache().get(run_key(results, references, config_fingerprint(run_config)))
        if added is None:
            return None
        apply(results, added)
    return results[: len(files)]


def _baseline(args: argparse.Namespace):
    """The baseline to filter through, or None; usage errors for a missing or damaged file."""
    if args.update_baseline and not args.baseline:
        raise UsageError("--update-baseline 需要 --baseline FILE (name the baseline file)")
    if not args.baseline:
        return None
    from reportlint.engine.baseline import Baseline, BaselineError

    try:
        return Baseline.load(args.baseline, create=args.update_baseline)
    except BaselineError as error:
        raise UsageError(str(error)) from None


def _through_baseline(baseline, update: bool, result):
    if baseline is None:
        return result
    if update:
        baseline.record(result)
    return baseline.apply(result)


def _finish_baseline(args: argparse.Namespace, baseline) -> None:
    if baseline is None:
        return
    if args.update_baseline:
        try:
            baseline.save()
        except OSError as error:
            raise UsageError(f"{args.baseline}: 无法写入基线 (cannot write the baseline): {error.strerror or error}") from None
    elif baseline.unmatched:
        print(f"reportlint: 基线中有 {baseline.unmatched} 个问题已不再出现，可用 --update-baseline 删去 "
              f"({baseline.unmatched} recorded finding(s) no longer occur; --update-baseline drops them)", file=sys.stderr)


def check(args: argparse.Namespace) -> int:
    from reportlint.findings import FileResult

    if not args.paths:
        raise UsageError("没有给出要检查的文件 (no PATH given); 例如 reportlint 报告.txt")
    baseline = _baseline(args)
    configs: dict = {}
    first = args.paths[0] if args.paths[0] != "-" else (args.stdin_filename or "-")
    first_config = _config_for(args, first, configs)
    excludes = list(first_config.exclude) + (_split(args.exclude) or [])
    files, unreadable = _collect(args.paths, excludes, args.force_exclude)
    previous, previous_unreadable = _collect(args.previous or [], excludes, args.force_exclude)
    previous = [path for path in previous if path not in set(files) and path != "-"]
    unreadable += previous_unreadable
    _refuse_output_over_inputs(args.output, [*files, *previous])
    results: list[FileResult] = [FileResult(path, error=reason, metadata={"kind": "input"}) for path, reason in unreadable]
    cached = None if unreadable else _from_cache(args, files, configs, previous, first_config)
    if cached is not None:
        import importlib

        module, name = _CACHED_FORMATS[args.format or "text"].split(":")
        reporter_class = getattr(importlib.import_module(module), name)
        outcome = _Outcome(args.exit_zero)
        _write(args, (outcome.count(_through_baseline(baseline, args.update_baseline, r), _config_for(args, r.path, configs))
                      for r in cached), first_config.lang, reporter_class, {})
        _finish_baseline(args, baseline)
        return outcome.exit_code

    from reportlint.engine import get_registry
    from reportlint.engine.batch import Task, check_data, check_files, linter_for

    registry = get_registry()
    for problem in registry.errors:
        print(f"reportlint: {problem}", file=sys.stderr)
    if not args.no_cache and not registry.errors:  # an index of a partly loaded rule set would mislead
        from reportlint.engine.rule_index import save_index

        save_index(registry.rules.values(), registry.reporters)
    name = args.format or "text"
    reporter_class = registry.reporters.get(name)
    if reporter_class is None:
        raise UsageError(f"未知的输出格式 (unknown format) {name!r}; 可用 (available): {', '.join(sorted(registry.reporters))}")
    problem = reporter_class.unavailable() if hasattr(reporter_class, "unavailable") else None
    if problem:
        raise UsageError(problem)
    if getattr(reporter_class, "binary", False) and not args.output and sys.stdout.isatty():
        raise UsageError(f"--format {name} 写出的是文件，请用 -o 指定文件名 (writes a file: name it with -o, e.g. -o 检查结果.{name})")
    keep_text = bool(getattr(reporter_class, "needs_source_text", False))
    tasks: list[Task | None] = []  # None stands for standard input, checked here
    for path in files:
        config = _config_for(args, (args.stdin_filename or "-") if path == "-" else path, configs)
        linter_for(config)  # checks selectors and options before any work (ConfigError)
        tasks.append(None if path == "-" else Task(path, config, args.encoding, not args.no_cache, keep_text))
    references = [Task(path, _config_for(args, path, configs), args.encoding, not args.no_cache) for path in previous]
    across = len(files) + len(references) > 1  # several reports: held against each other (engine.pairing)
    progress, advance = _progress(len(files) + len(references), not args.no_progress)
    checked = [task for task in tasks if task is not None]
    outcome = _Outcome(args.exit_zero)
    interruption = _Interruption()

    def stdin_result():
        from reportlint.loaders import read_limited
        from reportlint.source import InputError

        display = args.stdin_filename or "<stdin>"
        config = _config_for(args, display, configs)
        try:
            data = read_limited(sys.stdin.buffer, config.limits.file_bytes)
        except InputError as error:
            return FileResult(display, error=str(error), metadata={"kind": "input"})
        return check_data(data, display, config, args.encoding, use_cache=False, keep_text=keep_text)

    batch = iter(check_files([*checked, *references] if across else checked, args.jobs or None, advance))

    def stream():
        """Results in order, straight to the reporter: nothing is kept but the exit code. An
        interruption ends the stream here, so the reporter still closes its document."""
        for result in results:  # folders that could not be read
            yield outcome.count(result, first_config)
        for task in tasks:
            result = None
            with interruption.allowed():
                if not interruption.signal:
                    result = stdin_result() if task is None else next(batch)
            if result is None:
                return
            result = _through_baseline(baseline, args.update_baseline, result)
            yield outcome.count(result, task.config if task else first_config)

    def stream_across():
        """Several reports: each checked alone (its result spooled to disk), then held against
        each other, then written in order."""
        from reportlint.engine.cross_cache import apply_one
        from reportlint.engine.pairing import Spool, cross_additions

        for result in results:
            yield outcome.count(result, first_config)
        spool = Spool()
        try:
            for task in (*tasks, *references):
                with interruption.allowed():
                    if interruption.signal:
                        return
                    spool.add(stdin_result() if task is None else next(batch))
            every = [task.config if task else first_config for task in (*tasks, *references)]
            added = cross_additions(spool.stubs, [False] * len(tasks) + [True] * len(references),
                                    [linter_for(config) for config in every], linter_for(first_config),
                                    use_cache=not args.no_cache)
            for problem in added.problems:
                print(f"reportlint: 内部错误 (internal error): {problem}", file=sys.stderr)
                outcome.internal = True
            for index, config in enumerate(every):
                if index < len(tasks):
                    result = spool.result(index)
                    apply_one(result, index, added)
                    yield outcome.count(_through_baseline(baseline, args.update_baseline, result), config)
                elif spool.stubs[index].error:  # last year's reports are not checked, but one that cannot be read is said
                    yield outcome.count(spool.result(index), first_config)
        finally:
            spool.close()

    rules = {code: rule.info() for code, rule in registry.rules.items()}
    if progress:
        progress.start()
    try:
        with interruption.installed():
            _write(args, stream_across() if across else stream(), first_config.lang, reporter_class, rules)
    finally:
        batch.close()  # stops the workers, also when the run was interrupted
        if progress:
            progress.stop()
    if interruption.signal:
        print("reportlint: 已中断 (interrupted)", file=sys.stderr)
        return 128 + interruption.signal
    _finish_baseline(args, baseline)
    return outcome.exit_code


class _Interrupted(BaseException):
    """Raised by the signal handler where the run can stop cleanly: between two results."""


class _Interruption:
    """SIGINT and SIGTERM during a run: remembered, and acted on between two results, so a JSON
    or SARIF document is still closed and the worker processes are stopped (SIGTERM's default
    would leave them running). Raised straight away only while waiting for the next result."""

    def __init__(self) -> None:
        self.signal = 0
        self._raise_now = False

    def _handle(self, signum, _frame) -> None:
        self.signal = self.signal or signum
        if self._raise_now:
            self._raise_now = False
            raise _Interrupted()

    @contextlib.contextmanager
    def installed(self):
        import threading

        from reportlint.engine.batch import signals

        signal = signals()
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {number: signal.signal(number, self._handle) for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    @contextlib.contextmanager
    def allowed(self):
        self._raise_now = True
        try:
            yield
        except _Interrupted:
            pass
        finally:
            self._raise_now = False


class _Outcome:
    """The exit code, worked out as the results go by."""

    def __init__(self, exit_zero: bool):
        self.exit_zero = exit_zero
        self.internal = self.input_error = self.failing = False

    def count(self, result, config):
        if result.error:
            kind = result.metadata.get("kind")
            self.internal |= kind == "internal"
            self.input_error |= kind != "internal"
        elif any(finding.severity.rank >= config.fail_on.rank for finding in result.findings):
            self.failing = True
        return result

    @property
    def exit_code(self) -> int:
        if self.internal:
            return EXIT_INTERNAL
        if self.input_error:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing and not self.exit_zero else EXIT_OK


# Control characters in a file name or in report text would be obeyed by the terminal (\x1b[2J
# clears it, \x1b]0;…\a retitles it) or would split an output line. The text output shows each
# as one visible character (its Unicode control picture, or U+FFFD), so columns and carets stay
# where they were; tabs stay.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20) if code != 0x09} | {0x7F: 0x2421}
_CONTROL_PICTURES |= {code: 0xFFFD for code in range(0x80, 0xA0)}
_CONTROL_PICTURES |= {code: 0xFFFD for code in (0x2028, 0x2029)}


def _visible(text: str | None) -> str | None:
    return text.translate(_CONTROL_PICTURES) if text else text


def _safe_for_terminal(result):
    """A copy of ``result`` whose path, messages and source lines hold no control character."""
    from dataclasses import replace

    from reportlint.findings import Message

    def message(value):
        return Message(_visible(value.zh), _visible(value.en)) if value else value

    findings = [replace(finding, message=message(finding.message), suggestion=message(finding.suggestion),
                        origin=_visible(finding.origin)) for finding in result.findings]
    return replace(result, path=_visible(result.path), error=_visible(result.error), findings=findings,
                   source_lines={number: _visible(line) for number, line in result.source_lines.items()})


def _write(args: argparse.Namespace, results, lang: str, reporter_class, rules: dict) -> None:
    color = {"always": True, "never": False}.get(args.color)
    if getattr(reporter_class, "binary", False):
        output = open(args.output, "wb") if args.output else contextlib.nullcontext(sys.stdout.buffer)
    else:
        if (args.format or "text") == "text":
            results = (_safe_for_terminal(result) for result in results)
        output = open(args.output, "w", encoding="utf-8") if args.output else contextlib.nullcontext(sys.stdout)
    with output as stream:
        reporter_class(stream, lang=lang, color=color, rules=rules, version=__version__).report(results)
        stream.flush()


# -- rules and rule -----------------------------------------------------------------------------


def list_rules(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="reportlint rules", description="列出所有规则 (list all rules)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    from reportlint.engine import get_registry

    registry = get_registry()
    if args.format == "json":
        import json

        print(json.dumps([
            {"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value, "default": r.default,
             "preview": r.preview, "templates": list(r.templates), "summary": r.summary.in_language(args.lang)}
            for r in registry.rules.values()
        ], ensure_ascii=False, indent=2))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:  # piped: one plain line per rule, nothing truncated
        for rule in registry.rules.values():
            status = "preview" if rule.preview else "default" if rule.default else "opt-in"
            print(f"{rule.code}\t{rule.name}\t{rule.category}\t{rule.severity.value}\t"
                  f"{status}\t{rule.summary.in_language(args.lang)}")
        return EXIT_OK
    table = Table(show_edge=False)
    for column in ("code", "name", "category", "severity", "default", "summary"):
        table.add_column(column)
    for rule in registry.rules.values():
        status = "[yellow]preview[/]" if rule.preview else "yes" if rule.default else "no"
        table.add_row(rule.code, rule.name, rule.category, rule.severity.value, status,
                      rule.summary.in_language(args.lang))
    console.print(table)
    return EXIT_OK


def rule_docs_markdown(rule, lang: str = "zh", measured: dict | None = None) -> str:
    """A rule's full documentation as Markdown (also used to generate docs/rules/, which adds
    the rule's ``measured`` precision on the real corpus)."""
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{rule.summary.zh}** — {rule.summary.en}",
        "",
        f"- category: `{rule.category}`",
        f"- default severity: `{rule.severity.value}`",
        f"- enabled by default: {'no — in preview (`--preview`)' if rule.preview else 'yes' if rule.default else 'no'}",
        f"- templates: {', '.join(rule.templates) if rule.templates else 'all'}",
    ]
    scope = getattr(rule, "scope", None)  # a cross-report rule (reportlint.rules.cross)
    if scope:
        lines.append("- compares reports: " + ("each report with the same agency's report on the year before"
                                               if scope == "pair" else "all the reports of a run")
                     + " — see [cross-report checks](../cross-report.md)")
    if rule.options:
        lines.append("- options: " + ", ".join(f"`{name}` (default `{value!r}`)" for name, value in rule.options.items()))
    if measured is not None:
        if measured.get("raised"):
            lines.append(f"- measured on the real corpus: {measured['true']} true of {measured['raised']} raised "
                         f"({measured['precision']:.0%}), {measured['missed']} missed — see [precision](../precision.md)")
        else:
            lines.append("- measured on the real corpus: never raised yet — see [precision](../precision.md)")
    lines += ["", rule.docs(), "", "## Fails (不通过)", "", "```text", rule.bad_example.rstrip(), "```", "",
              "## Passes (通过)", "", "```text", rule.good_example.rstrip(), "```", ""]
    return "\n".join(lines)


def explain_rule(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="reportlint rule", description="查看一条规则的说明 (explain a rule)")
    parser.add_argument("rule", help="code or name, e.g. RL201 or application-balance")
    args = parser.parse_args(argv)
    from reportlint.engine import get_registry

    rule = get_registry().rule(args.rule)
    if rule is None:
        raise UsageError(f"没有这条规则 (no such rule): {args.rule}; 用 reportlint rules 查看全部")
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(highlight=False)
    if console.is_terminal:
        console.print(Markdown(rule_docs_markdown(rule)))
    else:
        print(rule_docs_markdown(rule))
    return EXIT_OK


# -- parse ----------------------------------------------------------------------------------------


def bound_model(report) -> dict:
    """The bound report as plain data: template, year, sections and every table cell."""
    def span(value):
        return value.to_dict() if value else None

    return {
        "path": report.source.path,
        "template": report.template.id if report.template else None,
        "year": report.year,
        "legacy": report.legacy,
        "title": report.document.title.text if report.document.title else None,
        "period": [d.isoformat() if d else None for d in report.period[:2]] if report.period else None,
        "signature": ({"organ": report.document.signature.organ,
                       "date": report.document.signature.date.isoformat() if report.document.signature.date else None,
                       "span": span(report.document.signature.span)} if report.document.signature else None),
        "identity": identity_model(report),
        "parse_issues": [{"message": issue.message, "span": span(issue.span)} for issue in report.document.issues],
        "sections": [
            {"number": m.section.number, "title": m.section.title, "template_section": m.spec.key if m.spec else None,
             "attachment": m.attachment.label if m.attachment else None, "span": span(m.section.heading_span)}
            for m in report.sections
        ],
        "tables": [
            {
                "table": table.key,
                "container": table.container,
                "layout": table.layout,
                "span": span(table.span),
                "cells": [
                    {"key": cell.key, "raw": cell.value.raw, "kind": cell.value.kind, "value": cell.value.as_json_number(),
                     "unit": cell.value.unit, "span": span(cell.span)}
                    for cell in table.cells.values()
                ],
                "misfits": [{"kind": m.kind, "span": span(m.span), "detail": m.detail} for m in table.misfits],
            }
            for instances in report.tables.values()
            for table in instances
        ],
    }


def identity_model(report) -> dict:
    """Who wrote the report and for which year, where each was read, and the name it is paired
    under with other reports (None where it cannot take part)."""
    from reportlint.engine.pairing import agency_names

    identity = report.identity
    agency_span = identity.agency_span if identity else None
    year_span = identity.year_span if identity else None
    key = identity.key if identity else None
    return {
        "agency": identity.agency if identity else None,
        "key": key,
        "paired_as": agency_names(key)[1] if key and report.year is not None else None,
        "kinds": list(identity.kinds) if identity else [],
        "reason": identity.reason if identity else None,
        "year": report.year,
        "agency_span": agency_span.to_dict() if agency_span else None,
        "year_span": year_span.to_dict() if year_span else None,
    }


def show_parse(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="reportlint parse", description="显示解析树和绑定的表格 (show the tree and the bound tables)")
    parser.add_argument("path")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--encoding")
    args = parser.parse_args(argv)
    from reportlint.engine import Linter
    from reportlint.engine.linter import read_source
    from reportlint.source import InputError

    try:
        source = read_source(args.path, args.encoding)
    except InputError as error:
        print(f"reportlint: {args.path}: {error}", file=sys.stderr)
        return EXIT_ERROR
    report = Linter().bind(source)
    if args.format == "json":
        import json

        print(json.dumps(bound_model(report), ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    from reportlint.parse_view import render_report

    render_report(report, identity_model(report))
    return EXIT_OK


# -- export ---------------------------------------------------------------------------------------


def export(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="reportlint export",
        description="导出每个报告表格中的每个单元格 (every bound table cell of every report, one row each: CSV or Parquet)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--output", "-o", help="cells.csv or cells.parquet (default: CSV on standard output)")
    parser.add_argument("--format", choices=("csv", "parquet"), help="default: from the output's suffix, else csv")
    parser.add_argument("--encoding", help="force the text encoding of the input (e.g. gb18030)")
    parser.add_argument("--exclude", action="append", help="glob patterns of paths to skip when walking folders")
    parser.add_argument("--config", help="use this configuration file (its templates) instead of searching for one")
    parser.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    args = parser.parse_args(argv)
    # The options a configuration is merged with; an export selects no rules.
    args.select = args.extend_select = args.ignore = args.extend_ignore = args.fail_on = args.lang = args.preview = None
    from reportlint.engine.export import export_format, export_rows, parquet_unavailable, write_csv, write_parquet

    output_format = export_format(args.output, args.format)
    if output_format == "parquet":
        if not args.output:
            raise UsageError("Parquet 需要 -o 文件名 (Parquet is written to a file: name it with -o)")
        problem = parquet_unavailable()
        if problem:
            raise UsageError(problem)
    configs: dict = {}
    first = _config_for(args, args.paths[0], configs)
    files, problems = _collect(args.paths, list(first.exclude) + (_split(args.exclude) or []), False)
    rows = export_rows(files, lambda path: _config_for(args, path, configs), args.encoding, problems)
    if output_format == "parquet":
        count = write_parquet(rows, args.output)
    else:
        # With a byte-order mark, so that Excel and WPS read the Chinese text as UTF-8.
        with open(args.output, "w", encoding="utf-8-sig", newline="") if args.output else contextlib.nullcontext(sys.stdout) as stream:
            count = write_csv(rows, stream)
    for path, reason in problems:
        print(f"reportlint: {path}: {reason}", file=sys.stderr)
    if args.output:
        print(f"reportlint: {count} 个单元格，{len(files) - len(problems)} 个文件 → {args.output} "
              f"({count} cells from {len(files) - len(problems)} file(s))", file=sys.stderr)
    return EXIT_ERROR if problems else EXIT_OK


# -- entry point ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from reportlint.engine import ConfigError

    try:
        if argv and argv[0] == "rules":
            return list_rules(argv[1:])
        if argv and argv[0] == "rule":
            return explain_rule(argv[1:])
        if argv and argv[0] == "parse":
            return show_parse(argv[1:])
        if argv and argv[0] == "export":
            return export(argv[1:])
        if argv and argv[0] == "check":
            argv = argv[1:]
        args = build_parser().parse_args(argv)
        return check(args)
    except UsageError as error:
        print(f"reportlint: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ConfigError as error:
        print(f"reportlint: 配置错误 (configuration error): {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except SystemExit as error:  # argparse: --help (0) or a usage error (2)
        return int(error.code or 0)
    except Exception as error:  # never a traceback at a user; a distinct code for bugs
        print(f"reportlint: 内部错误 (internal error): {type(error).__name__}: {error}", file=sys.stderr)
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

