"""Splitting figures a crawler ran together, where the template leaves only one way.

A crawler that flattens a page writes ``一、本年新收政府信息公开申请数量801000081``: the seven cells
80 | 1 | 0 | 0 | 0 | 0 | 81 with nothing between them. The template's equations often allow only
one split (the row's 总计 is the sum of the six applicant columns; each column of table 3 balances).
A run with one digit a column has one split only and is bound so; a row whose own equations
leave exactly one split is bound that way; rows that stay ambiguous are
decided together by the equations across rows, and only when exactly one combination satisfies
them all. Nothing is guessed: a row with no split or several is recorded as a misfit and left
unbound, so the rules do not check it.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator, Sequence

from reportlint.parsing.ast import Cell
from reportlint.templates import Equation, TemplateSpec

if TYPE_CHECKING:
    from reportlint.binding import BoundTable

# A count longer than this is not a count (the largest real figures, 行政许可 decisions of a
# province, have eight digits).
MAX_PART_DIGITS = 9
# Work allowed for one run and for the combination of ambiguous rows; past it, the table is
# reported as unreadable rather than searched further.
MAX_NODES = 200_000
MAX_COMBINATIONS = 100_000

Key = tuple[str, str]


def _holds(equation: Equation, values: dict[Key, Decimal]) -> bool | None:
    """Whether the equation holds on ``values``; None while one of its cells is unknown."""
    total = Decimal(0)
    for sign, terms in ((1, equation.left), (-1, equation.right)):
        for term in terms:
            value = values.get((term.row, term.column))
            if value is None:
                return None
            total += sign * term.sign * value
    return total == 0


def _splits(digits: str, columns: Sequence[str], row: str, local: Sequence[Equation],
            known: dict[Key, Decimal], cuts: frozenset[int] = frozenset()) -> Iterator[tuple[str, ...]] | None:
    """Every split of ``digits`` into one part per column that the row's own equations allow;
    ``cuts`` are positions where a part must end (a space the text kept between runs)."""
    count = len(columns)
    watched = [[equation for equation in local if max(columns.index(term.column) for term in
                                                         (*equation.left, *equation.right)) == index]
               for index in range(count)]
    nodes = 0
    values = dict(known)
    parts: list[str] = []

    def extend(position: int) -> Iterator[tuple[str, ...]]:
        nonlocal nodes
        index = len(parts)
        left = len(digits) - position
        remaining = count - index
        if remaining == 0:
            if left == 0:
                yield tuple(parts)
            return
        if not remaining <= left <= remaining * MAX_PART_DIGITS:
            return
        for size in range(1, min(MAX_PART_DIGITS, left - remaining + 1) + 1):
            nodes += 1
            if nodes > MAX_NODES:
                raise OverflowError
            part = digits[position:position + size]
            if size > 1 and part[0] == "0":
                break  # no count is written with a leading zero
            if any(position < cut < position + size for cut in cuts):
                break  # a part never spans a space the text kept
            values[(row, columns[index])] = Decimal(part)
            parts.append(part)
            if all(_holds(equation, values) is not False for equation in watched[index]):
                yield from extend(position + size)
            parts.pop()
        values.pop((row, columns[index]), None)

    return extend(0)


def split_runs(table: BoundTable, template: TemplateSpec) -> None:
    """Bind the table's pending runs of digits where the equations allow exactly one split."""
    equations = [equation for equation in template.equations_for(table.key, table.extra_rows)
                 if equation.relation == "=" and not equation.severity]
    known: dict[Key, Decimal] = {(cell.row, cell.column): cell.value.value
                                 for cell in table.cells.values() if cell.value.is_number}
    options: list[tuple[tuple, list[tuple[str, ...]]]] = []
    for pending in table.pending_runs:
        row, columns, run, label = pending
        local = [equation for equation in equations
                 if all(term.row == row and term.column in columns for term in (*equation.left, *equation.right))]
        digits, cuts = _joined(run)
        if len(digits) == len(columns):
            # One digit a column: the only split there is, whatever the equations then say
            # (1000000 for seven columns is 1|0|0|0|0|0|0, a total that its parts do not make).
            options.append((pending, [tuple(digits)]))
            continue
        try:
            found = list(itertools.islice(_splits(digits, columns, row, local, {}, cuts), MAX_COMBINATIONS + 1))
        except OverflowError:
            found = []
            _misfit(table, pending, "too many ways to split")
            continue
        if not found:
            _misfit(table, pending, "no split fits the template's equations")
            continue
        options.append((pending, found))
    fixed = [(pending, found[0]) for pending, found in options if len(found) == 1]
    open_rows = [(pending, found) for pending, found in options if len(found) > 1]
    values = dict(known)
    for (row, columns, _, _), parts in fixed:
        values.update({(row, column): Decimal(part) for column, part in zip(columns, parts)})
    chosen = _combine(open_rows, equations, values)
    for pending, parts in fixed + chosen:
        _put(table, pending, parts)
    decided = {id(pending) for pending, _ in chosen}
    for pending, found in open_rows:
        if id(pending) not in decided:
            _misfit(table, pending, f"{len(found)} ways to split fit the template's equations")
    table.pending_runs = []


def _combine(open_rows: list, equations: Sequence[Equation], values: dict[Key, Decimal]) -> list:
    """The one combination of the ambiguous rows' splits that every equation allows, if one."""
    if not open_rows:
        return []
    sizes = [len(found) for _, found in open_rows]
    total = 1
    for size in sizes:
        total *= size
    if total > MAX_COMBINATIONS:
        return []
    solutions = []
    for combination in itertools.product(*(found for _, found in open_rows)):
        trial = dict(values)
        for ((row, columns, _, _), _), parts in zip(open_rows, combination):
            trial.update({(row, column): Decimal(part) for column, part in zip(columns, parts)})
        if all(_holds(equation, trial) is not False for equation in equations):
            solutions.append(combination)
            if len(solutions) > 1:
                return []
    if len(solutions) != 1:
        return []
    return [(pending, parts) for (pending, _), parts in zip(open_rows, solutions[0])]


def _joined(run: tuple[Cell, ...]) -> tuple[str, frozenset[int]]:
    """The digits of a run's cells, and where one cell ended and the next began."""
    digits, cuts = "", set()
    for cell in run:
        if digits:
            cuts.add(len(digits))
        digits += cell.text
    return digits, frozenset(cuts)


def _put(table: BoundTable, pending: tuple, parts: tuple[str, ...]) -> None:
    from reportlint.binding import _TableBinder

    row, columns, run, label = pending
    cells, remaining = [], list(run)
    token, used = remaining.pop(0), 0
    for part in parts:
        if used == len(token.text):
            token, used = remaining.pop(0), 0
        start = token.start + used
        cells.append(Cell(part, start, start + len(part), token.source_map))
        used += len(part)
    joined = Cell(" ".join(cell.text for cell in run), run[0].start, run[-1].end, run[0].source_map)
    _TableBinder(table).put(row, columns, cells, label, split_from=joined)


def _misfit(table: BoundTable, pending: tuple, reason: str) -> None:
    from reportlint.binding import Misfit

    row, columns, run, label = pending
    table.misfits.append(Misfit("run-together", table.key, run[0].span,
                                {"row": row, "label": label.text, "digits": " ".join(cell.text for cell in run),
                                 "expected": len(columns),
                                 "reason": reason}))
