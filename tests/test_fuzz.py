"""Property-based fuzzing: mutated real reports never raise, and every finding points inside
the file. Short in CI; run long with REPORTLINT_FUZZ_EXAMPLES=5000 (figures in docs/inputs.md)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEED_FILES
from reportlint.engine import Linter
from reportlint.loaders import load_path
from reportlint.source import InputError, Source

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "40"))
TEXTS = [path.read_text(encoding="utf-8") for path in SEED_FILES.values()]
TEXTS.append(load_path(FIXTURES / "corpus" / "hongze-2023.pdf").original)  # a PDF rendition
LINTER = Linter()


@st.composite
def mutated_report(draw):
    lines = draw(st.sampled_from(TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        kind = draw(st.sampled_from(["drop", "duplicate", "swap", "cells", "unicode", "replace"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "drop":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "cells":
            cells = lines[index].split("\t")
            lines[index] = "\t".join(draw(st.permutations(cells)))
        elif kind == "unicode":
            position = draw(st.integers(0, len(lines[index])))
            noise = draw(st.text(min_size=1, max_size=8))
            lines[index] = lines[index][:position] + noise + lines[index][position:]
        else:
            lines[index] = draw(st.sampled_from(["", "\t", "|", "| --- |", "四、结转下年度继续办理", "附件:", "2021年2月30日", "\t0\t"]))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    return text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_report())
def test_mutated_reports_never_crash_and_spans_stay_inside(text):
    try:
        outcome = LINTER.lint_source(Source.from_text(text))
    except InputError:
        return  # not recognisable as a report any more: the CLI reports that in one line
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for finding in outcome.findings:
        if finding.span is None:
            continue
        span = finding.span
        assert 0 <= span.start <= span.end <= len(text), finding
        assert 1 <= span.line <= span.end_line <= line_count, finding
        assert span.column >= 1 and span.end_column >= 1, finding


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    try:
        LINTER.lint_source(Source.from_text(text))
    except InputError:
        pass
