"""Evaluating a table's equations, and finding the fewest cells whose correction fixes them all.

Equations come from the template spec. A term naming a row that the report does not break down
(``（六）其他处理`` given as one row where the 2021 format has three sub-rows) is read from its
parent row. A term through a blank or placeholder cell makes the equation unverifiable: blanks
are not zeros.
"""

from __future__ import annotations

import functools
import itertools
from decimal import Decimal
from typing import Iterable, Literal, NamedTuple, Sequence

from reportlint.binding import BoundCell, BoundTable
from reportlint.templates import Equation, Term

CellRef = tuple[str, str]  # (row, column)
Status = Literal["ok", "fail", "unverifiable"]

# Two corrections at most: beyond that the "fix" is a guess, and the plain failures say more.
MAX_FIX_CELLS = 2
MAX_CANDIDATE_CELLS = 60


class EquationResult(NamedTuple):
    """One equation checked on one table. (A named tuple: dozens per report.)"""

    equation: Equation
    status: Status
    terms: tuple[Term, ...]
    left: Decimal | None = None
    right: Decimal | None = None
    unverifiable_cells: tuple[CellRef, ...] = ()
    left_count: int = 0  # terms[:left_count] are the left side

    @property
    def difference(self) -> Decimal:
        """left − right (zero for a balanced equation)."""
        return (self.left or Decimal(0)) - (self.right or Decimal(0))

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return tuple((term.row, term.column) for term in self.terms)

    def holds(self, left: Decimal, right: Decimal) -> bool:
        return _holds(self.equation.relation, left, right)


def _holds(relation: str, left: Decimal, right: Decimal) -> bool:
    if relation == "<=":
        return left <= right
    if relation == ">=":
        return left >= right
    return left == right


class Fix(NamedTuple):
    """Changing these cells to these values makes every listed failing equation hold."""

    values: dict[CellRef, Decimal]
    explains: tuple[EquationResult, ...]


class TableAnalysis(NamedTuple):
    table: BoundTable
    results: tuple[EquationResult, ...]
    fix: Fix | None

    def failing(self, family: str | None = None) -> list[EquationResult]:
        return [r for r in self.results if r.status == "fail" and (family is None or r.equation.family == family)]

    def explained(self, result: EquationResult) -> bool:
        return self.fix is not None and result in self.fix.explains


def _resolve(cells: frozenset[CellRef], terms: Sequence[Term], bound_rows: frozenset[str]) -> tuple[Term, ...]:
    """Replace terms on rows the report does not break down by their parent row, once."""
    if all((term.row, term.column) in cells for term in terms):
        return tuple(terms)  # the usual case: every cell is there
    resolved: list[Term] = []
    used: set[tuple[int, str, str]] = set()
    for term in terms:
        if (term.row, term.column) in cells:
            resolved.append(term)
            continue
        parent = term.row.rpartition(".")[0]
        while parent:
            has_children = any(row.startswith(parent + ".") for row in bound_rows)
            if (parent, term.column) in cells and not has_children:
                break
            parent = parent.rpartition(".")[0]
        if parent:
            key = (term.sign, parent, term.column)
            if key not in used:
                used.add(key)
                resolved.append(Term(term.sign, parent, term.column))
        else:
            resolved.append(term)
    return tuple(resolved)


class _Planned(NamedTuple):
    """An equation with its terms resolved against the cells a table binds."""

    equation: Equation
    terms: tuple[Term, ...]
    left_count: int
    refs: tuple[CellRef, ...]
    signs: tuple[int, ...]


@functools.lru_cache(maxsize=128)
def _plan(equations: tuple[Equation, ...], table_key: str, cells: frozenset[CellRef]) -> tuple[_Planned, ...]:
    """The table's equations resolved against the cells it binds. Reports of one layout bind the
    same cells, so this is worked out once per layout rather than once per report."""
    bound_rows = frozenset(row for row, _ in cells)
    plan = []
    for equation in equations:
        if equation.table != table_key:
            continue
        left = _resolve(cells, equation.left, bound_rows)
        right = _resolve(cells, equation.right, bound_rows)
        terms = left + right
        refs = tuple((term.row, term.column) for term in terms)
        plan.append(_Planned(equation, terms, len(left), refs, tuple(term.sign for term in terms)))
    return tuple(plan)


def _numbers(table: BoundTable) -> dict[CellRef, Decimal]:
    """The table's cells that hold numbers: the only ones an equation can be checked with."""
    return {ref: cell.value.value for ref, cell in table.cells.items() if cell.value.kind == "number"}  # type: ignore[misc]


def _sum(terms: Sequence[Term], cells: dict[CellRef, BoundCell], overrides: dict[CellRef, Decimal] | None = None) -> Decimal:
    total = Decimal(0)
    for term in terms:
        ref = (term.row, term.column)
        value = overrides[ref] if overrides and ref in overrides else cells[ref].value.value
        total += term.sign * value  # type: ignore[operator]
    return total


def _evaluate(planned: _Planned, numbers: dict[CellRef, Decimal]) -> EquationResult:
    equation, terms, left_count = planned.equation, planned.terms, planned.left_count
    unverifiable = tuple(ref for ref in planned.refs if ref not in numbers)
    if unverifiable:
        return EquationResult(equation, "unverifiable", terms, unverifiable_cells=unverifiable, left_count=left_count)
    products = [sign * numbers[ref] for sign, ref in zip(planned.signs, planned.refs)]
    left = sum(products[:left_count], Decimal(0))
    right = sum(products[left_count:], Decimal(0))
    status: Status = "ok" if _holds(equation.relation, left, right) else "fail"
    return EquationResult(equation, status, terms, left, right, left_count=left_count)


def _recheck(result: EquationResult, table: BoundTable, overrides: dict[CellRef, Decimal]) -> bool:
    left_terms = result.terms[: result.left_count]
    right_terms = result.terms[result.left_count :]
    return result.holds(_sum(left_terms, table.cells, overrides), _sum(right_terms, table.cells, overrides))


class _FixSearch:
    """The equations indexed for the search: each equation's coefficients by cell, and the
    equations through each cell (so a candidate only looks at its own equations)."""

    def __init__(self, table: BoundTable, results: Sequence[EquationResult]):
        self.table = table
        self.results = [r for r in results if r.status != "unverifiable"]
        self.coefficients: list[dict[CellRef, int]] = []
        self.through: dict[CellRef, list[int]] = {}
        for index, result in enumerate(self.results):
            coefficients: dict[CellRef, int] = {}
            for position, term in enumerate(result.terms):  # one pass: Σ sign, − on the right
                ref = (term.row, term.column)
                coefficients[ref] = coefficients.get(ref, 0) + term.sign * (1 if position < result.left_count else -1)
            coefficients = {ref: value for ref, value in coefficients.items() if value}
            for ref in coefficients:
                self.through.setdefault(ref, []).append(index)
            self.coefficients.append(coefficients)

    def solve(self, cells: Sequence[CellRef]) -> dict[CellRef, Decimal] | None:
        """Values for ``cells`` that make every verifiable equality through them hold; None if
        there is none, or more than one (the text does not determine it)."""
        involved = sorted({index for cell in cells for index in self.through.get(cell, ())})
        equalities = [i for i in involved if self.results[i].equation.relation == "="]
        deltas: dict[CellRef, Decimal] = {}
        progress = True
        while progress:
            progress = False
            for index in equalities:
                coefficients = self.coefficients[index]
                unknown = [c for c in cells if c not in deltas and c in coefficients]
                if len(unknown) != 1:
                    continue
                cell = unknown[0]
                known = sum((coefficients[c] * deltas[c] for c in deltas if c in coefficients), Decimal(0))
                deltas[cell] = (-self.results[index].difference - known) / coefficients[cell]
                progress = True
        if len(deltas) != len(cells) or any(delta == 0 for delta in deltas.values()):
            return None
        values = {cell: self.table.cells[cell].value.value + delta for cell, delta in deltas.items()}  # type: ignore[operator]
        if any(value < 0 or value != value.to_integral_value() for value in values.values()):
            return None
        # Every equation through these cells, equalities and bounds alike, must hold afterwards.
        if not all(_recheck(self.results[i], self.table, values) for i in involved):
            return None
        return values


def find_fix(table: BoundTable, results: Sequence[EquationResult]) -> Fix | None:
    """The unique smallest set of cells (at most two) whose correction makes all the failing
    equations hold, when it explains at least two of them; otherwise None."""
    failing = [r for r in results if r.status == "fail"]
    if len(failing) < 2:
        return None
    search = _FixSearch(table, results)
    failing_ids = [i for i, r in enumerate(search.results) if r.status == "fail"]
    covers: dict[CellRef, int] = {}  # candidate cell → the failing equations it appears in, as bits
    for bit, index in enumerate(failing_ids):
        for cell in search.coefficients[index]:
            covers[cell] = covers.get(cell, 0) | 1 << bit
    if len(covers) > MAX_CANDIDATE_CELLS:
        return None
    everything = (1 << len(failing_ids)) - 1
    candidates = sorted(covers)
    for size in range(1, MAX_FIX_CELLS + 1):
        solutions = []
        for combination in itertools.combinations(candidates, size):
            covered = 0
            for cell in combination:
                covered |= covers[cell]
            if covered != everything:
                continue
            values = search.solve(combination)
            if values is not None:
                solutions.append(values)
        if len(solutions) == 1:
            return Fix(solutions[0], tuple(failing))
        if solutions:
            return None  # several equally small fixes: the text does not say which cell is wrong
    return None


def analyse(table: BoundTable, equations: Iterable[Equation]) -> TableAnalysis:
    numbers = _numbers(table)
    plan = _plan(tuple(equations), table.key, frozenset(table.cells))
    results = tuple(_evaluate(planned, numbers) for planned in plan)
    return TableAnalysis(table, results, find_fix(table, results))
