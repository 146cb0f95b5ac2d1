"""Facts stated in the prose, extracted with a small pattern grammar driven by template data.

    sentence := clause ( [，,、] clause )*      split at 。；！？ and line ends
    fact     := KEYWORD … NUMBER UNIT             in the keyword's clause or the two after it

Each template's ``prose_facts`` says which keywords announce which quantity, in which units, and
which table value it may equal. Nothing here is specific to one report's wording.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any, Iterator, NamedTuple

from reportlint.binding import BoundReport
from reportlint.parsing import Paragraph
from reportlint.source import Span

_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_CLAUSE = re.compile(r"[^，,]+")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*")
# How many clauses after the keyword's own may still hold its number ("采购项目52个，累计878.86万元").
FOLLOWING_CLAUSES = 2


class ProseFact(NamedTuple):
    id: str
    value: Decimal
    unit: str
    text: str  # the sentence
    span: Span  # of the number and its unit
    definition: dict


class _Clause(str):
    """A clause of a sentence that remembers where it starts in its paragraph."""

    offset: int


def _clauses(sentence: str, offset: int) -> list[_Clause]:
    clauses = []
    for match in _CLAUSE.finditer(sentence):
        clause = _Clause(match.group())
        clause.offset = offset + match.start()
        clauses.append(clause)
    return clauses


# (position in the paragraph, value, unit, end position)
_Found = tuple[int, Decimal, str, int]


def _numbers(clause: _Clause, units: list[str]) -> list[_Found]:
    """Every number in ``clause`` followed by one of ``units``."""
    ordered = sorted(units, key=len, reverse=True)  # 万元 before 元
    found = []
    for match in _NUMBER.finditer(clause):
        unit = next((u for u in ordered if clause[match.end() :].startswith(u)), None)
        if unit:
            found.append((clause.offset + match.start(), Decimal(match.group(1)), unit, clause.offset + match.end() + len(unit)))
    return found


def _find_number(clauses: list[_Clause], start: int, keyword_at: int, definition: dict) -> _Found | None:
    """The fact's number: in the keyword's own clause (after the keyword if there is one there,
    else before it: 收到70件申请), or else in the next clauses that are still about it."""
    units = definition["units"]
    own = _numbers(clauses[start], units)
    if own:
        after = [item for item in own if item[0] >= clauses[start].offset + keyword_at]
        return (after or own[-1:])[0]
    for clause in clauses[start + 1 : start + 1 + FOLLOWING_CLAUSES]:
        if any(word in clause for word in definition.get("exclude", ())):
            return None
        found = _numbers(clause, units)
        if found:
            return found[0]
    return None


@functools.lru_cache(maxsize=8)  # one per template
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, keywords)) or "(?!)")


def extract_facts(report: BoundReport) -> Iterator[ProseFact]:
    if report.template is None:
        return
    definitions = report.template.prose_facts
    any_keyword = _keyword_pattern(tuple(keyword for d in definitions for keyword in d["keywords"]))
    texts: list[tuple[str, Any]] = [(p.text, p) for p in report.document.paragraphs() if isinstance(p, Paragraph)]
    texts += [(s.title, s.heading_span) for _, s in report.document.all_sections()]
    for text, where in texts:
        if not any_keyword.search(text):  # most paragraphs announce no fact at all
            continue
        for sentence_match in _SENTENCE.finditer(text):
            sentence = sentence_match.group()
            relevant = [d for d in definitions if any(keyword in sentence for keyword in d["keywords"])]
            if not relevant:
                continue
            clauses = _clauses(sentence, sentence_match.start())
            for definition in relevant:
                found = _match(definition, sentence, clauses)
                if found is not None:
                    position, value, unit, end = found
                    span = where.span_of(position, end) if isinstance(where, Paragraph) else where
                    yield ProseFact(definition["id"], value, unit, sentence.strip(), span, definition)


def _match(definition: dict, sentence: str, clauses: list[_Clause]) -> _Found | None:
    verbs = definition.get("verbs") or []
    if verbs and not any(verb in sentence for verb in verbs):
        return None
    for index, clause in enumerate(clauses):
        for keyword in definition["keywords"]:
            position = clause.find(keyword)
            if position < 0:
                continue
            if any(word in clause for word in definition.get("exclude", ())):
                continue
            found = _find_number(clauses, index, position, definition)
            if found is not None:
                return found
    return None


def table_value(report: BoundReport, expression: str) -> Decimal | None:
    """The value of ``table/row/column`` or a sum of them joined with ``+``; None if any cell
    is missing or not a number."""
    total = Decimal(0)
    for reference in expression.split("+"):
        table_key, _, rest = reference.strip().partition("/")
        row, _, column = rest.partition("/")
        table = report.table(table_key)
        value = table.number(row, column) if table else None
        if value is None:
            return None
        total += value
    return total
