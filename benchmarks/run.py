"""reportlint's speed and memory, measured and printed against their targets.

    python benchmarks/run.py            # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer repetitions and a smaller corpus
    python benchmarks/cross.py          # only the cross-report figures

Figures, not assertions: the test suite never times anything.
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    repeats = 3 if args.quick else 21
    passes = 3 if args.quick else 5
    count = 300 if args.quick else args.reports
    print(f"reportlint benchmark · Python {sys.version.split()[0]} · {os.cpu_count()} cores\n")
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
    from cross import run_all as cross_report  # benchmarks/cross.py: pairing and a rerun over several years

    cross_report(count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
