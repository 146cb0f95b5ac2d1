"""reportlint's speed and memory, measured and printed against their targets.

    python benchmarks/run.py            # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer repetitions and a smaller corpus
    python benchmarks/cross.py          # only the cross-report figures

Figures, not assertions: the test suite never times anything.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
SEED = ROOT / "tests" / "fixtures" / "seeds" / "004_a83be51b8a790224.txt"
BIN = Path(sys.executable).parent
REPORTLINT = str(BIN / "reportlint") if (BIN / "reportlint").exists() else shutil.which("reportlint") or "reportlint"

# Python writes bytecode as an installed package has it; a session that forbids it would time
# compilation instead of reportlint.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_PROGRESS"] = "1"


# Started from a small fresh interpreter: a child forked straight from this process (which holds
# thousands of reports by then) would count this process's pages in its peak memory.
_MEASURE = (
    "import os, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def run_child(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (MB) of one fresh process."""
    output = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True,
                            env=env or ENV, check=True).stdout.split()
    return float(output[0]), int(output[1]) // 1024


def paired_ratio(command: list[str], floor: list[str], repeats: int, env: dict) -> tuple[float, float, float]:
    """Median time of ``command``, of ``floor``, and the median of their per-pair ratios. The two
    run alternately, so a slow spell of a shared machine lands on both sides of a ratio."""
    run_child(command, env)
    run_child(floor, env)
    pairs = [(run_child(command, env)[0], run_child(floor, env)[0]) for _ in range(repeats)]
    return (statistics.median(t for t, _ in pairs), statistics.median(f for _, f in pairs),
            statistics.median(t / f for t, f in pairs))


def vary(text: str, index: int, rng: random.Random) -> str:
    """A different report of the same shape: another agency name, some numbers changed."""
    text = re.sub(r"^(\s*)(\S{2,6}?)(街道|区|局)", lambda m: f"{m.group(1)}{m.group(2)}{index}{m.group(3)}", text, count=1, flags=re.M)
    digits = [m.start() for m in re.finditer(r"(?<=\t)\d(?=\s*$)", text, flags=re.M)]
    for position in rng.sample(digits, min(3, len(digits))):
        text = text[:position] + str(rng.randint(0, 9)) + text[position + 1 :]
    return text


def make_corpus(folder: Path, count: int) -> list[str]:
    rng = random.Random(20261122)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    paths = []
    for index in range(count):
        path = folder / f"{index:05d}.txt"
        path.write_text(vary(texts[index % len(texts)], index, rng), encoding="utf-8")
        paths.append(str(path))
    return paths


def line(name: str, value: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT met")
    print(f"  {name:<44} {value:>18}   target {target:<18} {verdict}")


def cold_start(repeats: int) -> None:
    print("Cold start (fresh process, median of", repeats, "runs, each beside a run of the floor)")
    floor_command = [sys.executable, "-c", "import rich.console, lark, pluggy, yaml"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**ENV, "REPORTLINT_CACHE_DIR": cache}
        uncached, floor, uncached_ratio = paired_ratio([REPORTLINT, str(SEED), "--no-cache"], floor_command, repeats, env)
        cached, _, cached_ratio = paired_ratio([REPORTLINT, str(SEED)], floor_command, repeats, env)
    line("import floor (rich.console, lark, pluggy, yaml)", f"{floor * 1000:.0f} ms", "", None)
    line("reportlint SEED, result cache hit", f"{cached * 1000:.0f} ms = {cached_ratio:.2f}×", "≤ 1.30× floor", cached_ratio <= 1.3)
    line("reportlint SEED --no-cache", f"{uncached * 1000:.0f} ms = {uncached_ratio:.2f}×", "≤ 1.30× floor", uncached_ratio <= 1.3)


def warm_throughput(paths: list[str], passes: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.engine import Linter
    from reportlint.loaders import load_path

    print(f"Warm throughput (one process, one core, {len(paths)} reports made from the seeds, best of {passes} passes)")
    sources = [load_path(path) for path in paths]
    linter = Linter()
    for source in sources[:20]:
        linter.lint_source(source)
    # The best of the passes, as timeit reports (and with its default of five): on a shared
    # machine other work only ever adds time, so the fastest pass is the closest to what the code
    # itself costs. The median pass is printed too.
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for source in sources:
            linter.lint_source(source)
        times.append(time.perf_counter() - start)
    elapsed = min(times)
    rate = len(sources) / elapsed
    line("lint, reports per second per core", f"{rate:.0f} /s", "≥ 300 /s", rate >= 300)
    line("lint, time per report", f"{elapsed / len(sources) * 1000:.1f} ms", "≤ 3.3 ms", rate >= 300)
    line(f"median of the {passes} passes", f"{len(sources) / statistics.median(times):.0f} /s", "", None)


def batch(paths: list[str], folder: Path) -> None:
    print(f"Batch mode (reportlint FOLDER, {len(paths)} files, --no-cache)")
    outputs = {}
    for jobs in (1, 2):
        out = folder.parent / f"jobs{jobs}.json"
        command = [REPORTLINT, str(folder), "--no-cache", "--jobs", str(jobs), "--format", "json", "--output", str(out)]
        elapsed, peak = run_child(command)
        outputs[jobs] = out.read_bytes()
        line(f"--jobs {jobs}: wall time", f"{elapsed:.1f} s = {len(paths) / elapsed:.0f} files/s", "", None)
    line("--jobs 1 and --jobs 2 give the same output", "yes" if outputs[1] == outputs[2] else "NO", "identical", outputs[1] == outputs[2])


def memory(paths: list[str], folder: Path) -> None:
    print("Peak memory (resident set of the reportlint process)")
    _, one = run_child([REPORTLINT, str(SEED), "--no-cache"])
    line("one report", f"{one} MB", "≤ 80 MB", one <= 80)
    for count in sorted({size for size in (100, 500, len(paths)) if size <= len(paths)}):
        subset = folder.parent / f"subset{count}"
        subset.mkdir(exist_ok=True)
        for path in paths[:count]:
            target = subset / Path(path).name
            if not target.exists():
                os.link(path, target)
        _, peak = run_child([REPORTLINT, str(subset), "--no-cache", "--jobs", "1", "--format", "json", "--output", os.devnull])
        line(f"{count} reports, --jobs 1", f"{peak} MB", "flat", None)


def size_scaling(repeats: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.engine import Linter
    from reportlint.source import Source

    print("Time against report size (the seed's text repeated)")
    text = SEED.read_text(encoding="utf-8")
    linter = Linter()
    base = None
    for factor in (1, 10, 100):
        source_text = text * factor
        times = []
        for _ in range(max(1, repeats // factor) + 1):
            start = time.perf_counter()
            linter.lint_source(Source.from_text(source_text))
            times.append(time.perf_counter() - start)
        elapsed = min(times)
        base = base or elapsed
        per = elapsed / factor
        line(f"{factor:>3}× ({len(source_text) // 1024} KB)", f"{elapsed * 1000:.0f} ms ({per * 1000:.1f} ms/copy)",
             "linear", None if factor == 1 else per <= base * 1.5)


# -- hostile inputs ---------------------------------------------------------------------------------

# (label, builder, small size, large size, where the work is): each case of issue #14 at two sizes.
# A linear case takes about (large / small) times as long at the large size; a ratio near the
# square of that is quadratic. Cases refused by a limit take a bounded time at any size.
HOSTILE = [
    ("digit run in prose (rules/: percentage-mismatch)", "prose_digits", 8_000, 16_000),
    ("digit run in a cell", "cell_digits", 8_000, 16_000),
    ("收到申请…件 (rules/: prose-sum)", "applications_digits", 8_000, 16_000),
    ("full-width digits in prose", "fullwidth_digits", 8_000, 16_000),
    ("phone-like run in prose", "phone_like", 8_000, 16_000),
    ("附件 + spaces (grammar)", "attachment_spaces", 32_000, 100_000),
    ("seed repeated (bytes)", "repeated_seed", 256 << 10, 1 << 20),
    ("seed repeated, over the text limit", "repeated_seed", 10 << 20, 40 << 20),
    ("DOCX of spaces (inflated bytes)", "docx_spaces", 100 << 20, 1 << 30),
    ("DOCX of <w:p/> (inflated bytes)", "docx_empty_paragraphs", 1 << 20, 2 << 20),
    ("DOCX of <w:p/>, over the limit", "docx_empty_paragraphs", 50 << 20, 200 << 20),
    ("PDF pages", "pdf_pages", 20, 80),
    ("PDF pages, over the page limit", "pdf_pages", 500, 2000),
    ("PDF Flate bomb (inflated bytes)", "pdf_flate_bomb", 256 << 20, 1 << 30),
    ("PDF ruled grid (lines per side)", "pdf_grid", 35, 70),
    ("PDF ruled grid, over the crossings limit", "pdf_grid", 110, 200),
    ("HTML <![CDATA[ repeated", "html_cdata", 100_000, 300_000),
    ("HTML unmatched end tags", "html_end_tags", 20_000, 60_000),
    ("HTML nested elements", "html_nested", 1_000, 10_000),
]


def _hostile_module():
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_inputs

    return hostile_inputs


def _run_case(command: list[str], stdin=None, timeout: float = 900) -> tuple[float, int, int]:
    """Wall time, peak memory (MB) and exit code of one reportlint run, from a fresh helper."""
    measure = ("import resource, subprocess, sys, time\n"
               "start = time.perf_counter()\n"
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=sys.stdin).returncode\n"
               "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n")
    output = subprocess.run([sys.executable, "-c", measure, *command], capture_output=True, text=True, env=ENV,
                            stdin=stdin, timeout=timeout, check=True).stdout.split()
    return float(output[0]), int(output[1]) // 1024, int(output[2])


def hostile(quick: bool) -> None:
    cases = _hostile_module()
    # What every run costs before it reads its file (start-up, the seed-sized rest of the report),
    # taken off each time, so the ratio is that of the work the hostile part makes.
    base = statistics.median(_run_case([REPORTLINT, str(SEED), "--no-cache"])[0] for _ in range(5))
    print("Hostile inputs (reportlint FILE --no-cache; time and peak memory of the process, exit code)")
    print(f"  base: a plain seed-sized run takes {base:.2f} s; 'work' is each time less that")
    print(f"  {'case':<46} {'sizes':>19} {'times':>17} {'work ratio':>10}  {'peak MB':>11}  exit")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for label, builder, small, large in HOSTILE:
            if quick:
                small, large = max(1, small // 4), max(2, large // 4)
            figures = []
            for size in (small, large):
                name, data = getattr(cases, builder)(size)
                path = folder / name
                path.write_bytes(data)
                del data
                figures.append(_run_case([REPORTLINT, str(path), "--no-cache"]))
                path.unlink()
            (t1, m1, c1), (t2, m2, c2) = figures
            work = max(t2 - base, 0.01) / max(t1 - base, 0.01)
            print(f"  {label:<46} {_size(small):>9}/{_size(large):<9} {t1:7.2f}/{t2:<7.2f}s {work:10.1f}  "
                  f"{m1:>5}/{m2:<5}  {c1}/{c2}")
        print("  (linear: the work ratio is about the size ratio; quadratic: its square; bounded: about 1;"
              " exit 2 = refused with one line)")
        _hostile_streams(folder)
        _hostile_configs(folder, cases)


def _size(value: int) -> str:
    if value >= 1 << 20:
        return f"{value / (1 << 20):g} MB"
    return f"{value:,}"


def _hostile_streams(folder: Path) -> None:
    fifo = folder / "fifo.txt"
    os.mkfifo(fifo)
    (folder / "zero.txt").symlink_to("/dev/zero")
    for label, command, stdin in (
        ("a FIFO named on the command line", [REPORTLINT, str(fifo), str(SEED), "--no-cache"], None),
        ("a .txt symlink to /dev/zero", [REPORTLINT, str(folder / "zero.txt"), "--no-cache"], None),
        ("- < /dev/zero", [REPORTLINT, "-", "--no-cache"], "/dev/zero"),
    ):
        with open(stdin, "rb") if stdin else contextlib.nullcontext() as handle:
            elapsed, peak, code = _run_case(command, stdin=handle, timeout=120)
        print(f"  {label:<46} {'':>19} {elapsed:7.2f}s {'':>16}  {peak:>5}        {code}")


def _hostile_configs(folder: Path, cases) -> None:
    report = folder / "dept" / "report.txt"
    report.parent.mkdir()
    report.write_bytes(SEED.read_bytes())
    for label, name, text in (
        ("YAML alias bomb (mapping), found in the tree", ".reportlint.yaml", cases.yaml_alias_mapping(40)),
        ("YAML alias bomb (list), found in the tree", ".reportlint.yaml", cases.yaml_alias_list(40)),
        ("YAML nested 1,000 deep", ".reportlint.yaml", cases.yaml_nested(1000)),
        ("TOML nested 1,000 deep", "pyproject.toml", cases.toml_nested(1000)),
        ("YAML integer of 100,000 digits", ".reportlint.yaml", cases.yaml_big_integer(100_000)),
        ("TOML integer of 100,000 digits", "pyproject.toml", cases.toml_big_integer(100_000)),
    ):
        config = folder / name
        config.write_text(text, encoding="utf-8")
        elapsed, peak, code = _run_case([REPORTLINT, str(report), "--no-cache"], timeout=120)
        config.unlink()
        print(f"  {label:<46} {'':>19} {elapsed:7.2f}s {'':>16}  {peak:>5}        {code}")


def formats(repeats: int) -> None:
    """Each corpus report as published (PDF, Word, web page) against the same report as text:
    the text rendition reportlint makes of it, in a .txt file. Fresh processes, paired."""
    sys.path.insert(0, str(ROOT / "src"))
    from reportlint.loaders import load_path

    print(f"Formats against text (reportlint FILE --no-cache, median of {repeats} paired runs)")
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    targets = {".pdf": 3.0, ".docx": 2.0, ".html": 2.0}
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(corpus.iterdir()):
            if path.suffix not in targets:
                continue
            source = load_path(path)
            text = Path(scratch) / (path.stem + ".txt")
            text.write_text(source.rendition or source.original, encoding="utf-8")
            published, plain, ratio = paired_ratio([REPORTLINT, str(path), "--no-cache"],
                                                   [REPORTLINT, str(text), "--no-cache"], repeats, ENV)
            target = targets[path.suffix]
            line(f"{path.name}", f"{published * 1000:.0f} ms = {ratio:.2f}× text", f"≤ {target:g}× text", ratio <= target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--only", choices=("hostile", "formats"), help="run one section")
    args = parser.parse_args()
    repeats = 3 if args.quick else 21
    passes = 3 if args.quick else 5
    count = 300 if args.quick else args.reports
    print(f"reportlint benchmark · Python {sys.version.split()[0]} · {os.cpu_count()} cores\n")
    if args.only == "hostile":
        hostile(args.quick)
        return 0
    if args.only == "formats":
        formats(5 if args.quick else 11)
        return 0
    cold_start(repeats)
    print()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        paths = make_corpus(folder, count)
        warm_throughput(paths, passes)
        print()
        batch(paths, folder)
        print()
        memory(paths, folder)
    print()
    size_scaling(repeats)
    print()
    formats(5 if args.quick else 11)
    print()
    hostile(args.quick)
    print()
    from cross import run_all as cross_report  # benchmarks/cross.py: pairing and a rerun over several years

    cross_report(count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
