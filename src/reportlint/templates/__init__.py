"""Template specs: the official report formats as data (one YAML file per format version).

Code here only reads the data and answers questions about it (which row does this label name?
which equations hold on this table?); every fact about a format lives in ``specs/*.yaml``.
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, NamedTuple


__all__ = [
    "ColumnSpec",
    "Equation",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "TemplateSpec",
    "builtin_spec_paths",
    "label_key",
    "load_spec",
]

_ENUMERATOR = re.compile(
    r"^(?:[(][一二三四五六七八九十]{1,3}[)][、.]?|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[.、)](?!\d))"
)
_DROP = re.compile(r"[\s\"'“”‘’「」]+")


@functools.lru_cache(maxsize=8192)
def label_key(text: str, *, keep_enumerator: bool = False) -> str:
    """A comparison key for a label: width and bracket variants unified, spaces, quotes and the
    leading enumerator (``（一）``, ``一、``, ``1.``) dropped."""
    key = unicodedata.normalize("NFKC", text)
    key = _DROP.sub("", key).replace("〔", "[").replace("〕", "]")
    if not keep_enumerator:
        key = _ENUMERATOR.sub("", key, count=1)
    return key.rstrip(":：。.")


# A note in brackets or after a separator, or a unit — but "(一)…" starts another label.
_NOTE_OPENER = r"[(/:：\-—_|,，]"
_UNIT = r"(?:亿元|万元|元|件|个|项|条|次)"
_ANNOTATION = re.compile(rf"^(?:(?![(（][一二三四五六七八九十]{{1,3}}[)）]){_NOTE_OPENER}.*|单位.*|{_UNIT})$")
_ANNOTATION_START = re.compile(rf"{_NOTE_OPENER}|单位|{_UNIT}$")


def label_base(key: str) -> str:
    """A label key without the note or unit that follows it (采购总金额(万元) → 采购总金额)."""
    match = _ANNOTATION_START.search(key)
    if match and match.start() and is_annotation(key[match.start():]):
        return key[: match.start()]
    return key


def is_annotation(rest: str) -> bool:
    """What may follow a label without making it another label: a bracketed or separated
    note, or a unit."""
    return bool(rest) and bool(_ANNOTATION.match(rest))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def fold(text: str) -> str:
    """Full-width forms to their ASCII twins, character for character (so offsets stay valid)."""
    return "".join(map(_fold_char, text))


_QUOTES = "\"'“”‘’「」"
# An enumerator before a label, as printed: （一） (一) 一、 1. 1、 — one digit, so that in a
# crawler's run of figures "00000002.其他…" only the last digit is taken for the enumerator.
_LEADING_ENUMERATOR = r"(?:\([一二三四五六七八九十]{1,3}\)[、.]?|[一二三四五六七八九十]{1,3}[、.]|[1-9][.、])"


class LabelScanner:
    """Finds the template's labels inside a run of text where nothing separates them (a
    crawler's flattened table: ``第二十条第（一）项信息内容本年制发件数…规章000``), with the
    enumerator printed before each. Matching is on folded text, quotes optional."""

    def __init__(self, labels: Iterable[str]):
        cores = set()
        for label in labels:
            full = fold(label).strip()
            core = _ENUMERATOR.sub("", full, count=1).rstrip(":：。.")
            # Two-character words (其他, 总计, 规章) hide inside other labels and fragments; where
            # they stand between figures, the figures already set them apart. With their
            # enumerator (3.其他, （七）总计) they are distinct enough, and found where a blank row
            # runs its label into the next one's.
            if len(core) >= 3:
                cores.add(core)
            elif full != core and len(full) >= 4:
                cores.add(full.rstrip(":：。."))
        alternatives = []
        for core in sorted(cores, key=len, reverse=True):  # at one place, the longest label wins
            alternatives.append("".join(f"[{re.escape(_QUOTES)}]?" if char in _QUOTES else r"\s*" if char.isspace()
                                        else re.escape(char) for char in core))
        self._pattern = re.compile(f"{_LEADING_ENUMERATOR}?(?:{'|'.join(alternatives)})") if alternatives else None

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each label found in ``text``, left to right, not overlapping."""
        if self._pattern is None:
            return []
        return [match.span() for match in self._pattern.finditer(fold(text)) if match.end() > match.start()]


def _similarity(left: str, right: str) -> float:
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


MAX_REMEMBERED_LABELS = 20_000


class LabelIndex:
    """Finds which spec entry a label names: exactly, or by a unique close-enough match."""

    # 0.84 accepts real slips (其他法律行政止公开, 属于三类内部事务) and rejects a label with a
    # word added to a short one (不予公开小计 is not 不予公开).
    def __init__(self, entries: Iterable[tuple[str, Any]], threshold: float = 0.84):
        self._exact: dict[str, Any] = {}
        self._ambiguous: set[str] = set()
        for label, value in entries:
            key = label_key(label)
            if key in self._exact and self._exact[key] != value:
                self._ambiguous.add(key)
            self._exact.setdefault(key, value)
        self._threshold = threshold
        self._answers: dict[str, tuple[Any, float] | None] = {}

    def find(self, label: str) -> tuple[Any, float] | None:
        """(entry, score) where score is 1.0 for an exact match; None when nothing fits or two
        entries fit equally well."""
        # Reports repeat the same labels; fuzzy matching is the costly part, so remember answers.
        try:
            return self._answers[label]
        except KeyError:
            pass
        answer = self._find(label)
        if len(self._answers) < MAX_REMEMBERED_LABELS:
            self._answers[label] = answer
        return answer

    def find_prefix(self, label: str, min_length: int = 8) -> Any | None:
        """The one entry whose label begins with ``label`` — the first line of a label that a
        narrow column wrapped (2、申请人逾期未按收费通知要 / …求缴纳费用…); None when several do or
        the text is too short to say."""
        key = label_key(label)
        if len(key) < min_length:
            return None
        found = {value for other, value in self._exact.items() if other.startswith(key)}
        return found.pop() if len(found) == 1 else None

    def _find(self, label: str) -> tuple[Any, float] | None:
        key = label_key(label)
        if not key:
            return None
        if key in self._exact:
            return None if key in self._ambiguous else (self._exact[key], 1.0)
        # A label followed by a note or a unit: 采购总金额(单位:万元,保留4位小数), 采购总金额/万元
        prefixed = [other for other in self._exact
                    if len(other) >= 2 and key.startswith(other) and is_annotation(key[len(other):])]
        if prefixed:
            return self._exact[max(prefixed, key=len)], 0.95
        if key.replace(".", "").isdigit():
            return None
        # ratio ≤ 2·min(len)/(len+len): skip keys whose length alone rules them out.
        scored = sorted(
            ((_similarity(key, other), other) for other in self._exact
             if 2 * min(len(key), len(other)) / (len(key) + len(other)) >= self._threshold),
            reverse=True,
        )
        if not scored or scored[0][0] < self._threshold:
            return None
        best_score, best = scored[0]
        if len(scored) > 1 and scored[1][0] == best_score and self._exact[scored[1][1]] != self._exact[best]:
            return None
        return self._exact[best], best_score


class ColumnSpec(NamedTuple):
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str = "count"  # count | money
    unit: str | None = "件"
    decimals: int | None = None
    signed: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


class RowSpec(NamedTuple):
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    group: bool = False  # a heading row that holds no values of its own
    within: tuple[str, ...] = ()  # group rows it may also sit beside (（七）总计 inside 三、…)

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)

    @property
    def parent(self) -> str | None:
        return self.key.rpartition(".")[0] or None


# The specs below are built once per spec file and never compared by value: identity serves as
# equality (eq=False), which also spares generating their __eq__ and __hash__ in every process.
@dataclass(frozen=True, eq=False)
class BlockSpec:
    """A block of table 2: a 第二十条 item with its own column header and rows."""

    key: str
    header: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    @functools.cached_property
    def row_index(self) -> LabelIndex:
        return LabelIndex((label, row.key) for row in self.rows for label in row.labels)

    @functools.cached_property
    def column_index(self) -> LabelIndex:
        return LabelIndex((label, column.key) for column in self.columns for label in column.labels)


@dataclass(frozen=True, eq=False)
class TableSpec:
    key: str
    number: int
    title: str
    layout: str  # blocks | grid | single_row
    columns: tuple[ColumnSpec, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    column_groups: tuple[str, ...] = ()
    column_labels: tuple[str, ...] = ()
    header_label: str | None = None
    header_note: str | None = None
    # Words that identify the note in any of its printings (勾稽 and its variant 钩稽).
    header_note_markers: tuple[str, ...] = ()

    def has_header_note(self, text: str) -> bool:
        return any(marker in text for marker in self.header_note_markers)

    @functools.cached_property
    def row_index(self) -> LabelIndex:
        rows = self.all_rows()
        return LabelIndex((label, row.key) for row in rows for label in row.labels)

    @functools.cached_property
    def column_index(self) -> LabelIndex:
        return LabelIndex((label, column.key) for column in self.columns for label in column.labels)

    @functools.cached_property
    def block_index(self) -> LabelIndex:
        return LabelIndex(((block.header, block.key) for block in self.blocks), threshold=0.9)

    def all_rows(self) -> tuple[RowSpec, ...]:
        return self._all_rows

    @functools.cached_property
    def _all_rows(self) -> tuple[RowSpec, ...]:
        if self.blocks:
            return tuple(
                RowSpec(f"{block.key}.{row.key}", row.label, row.aliases, row.group, row.within)
                for block in self.blocks
                for row in block.rows
            )
        return self.rows

    @functools.cached_property
    def _rows_by_key(self) -> dict[str, RowSpec]:
        return {row.key: row for row in self._all_rows}

    @functools.cached_property
    def _columns_by_key(self) -> dict[tuple[str, str], ColumnSpec]:
        """(block key, or "" for tables without blocks; column key) → column."""
        pairs = {("", column.key): column for column in self.columns}
        pairs.update({(block.key, column.key): column for block in self.blocks for column in block.columns})
        return pairs

    def row(self, key: str) -> RowSpec | None:
        return self._rows_by_key.get(key)

    def value_rows(self) -> tuple[RowSpec, ...]:
        return tuple(row for row in self._all_rows if not row.group)

    def block(self, key: str) -> BlockSpec | None:
        return next((block for block in self.blocks if block.key == key), None)

    def column(self, row_key: str, column_key: str) -> ColumnSpec | None:
        block = row_key.partition(".")[0] if self.blocks else ""
        return self._columns_by_key.get((block, column_key))

    @functools.cached_property
    def all_labels(self) -> frozenset[str]:
        labels: set[str] = set()
        for row in self.all_rows():
            labels.update(label_key(label) for label in row.labels)
        for column in itertools.chain(self.columns, *(block.columns for block in self.blocks)):
            labels.update(label_key(label) for label in column.labels)
        labels.update(label_key(block.header) for block in self.blocks)
        labels.update(label_key(label) for label in (*self.column_groups, *self.column_labels))
        return frozenset(label for label in labels if len(label) >= 2)

    @functools.cached_property
    def labels(self) -> tuple[str, ...]:
        """Every label the table prints: rows, columns, block headers, header words."""
        labels = [label for row in self.all_rows() for label in row.labels]
        for column in itertools.chain(self.columns, *(block.columns for block in self.blocks)):
            labels.extend(column.labels)
        labels.extend(block.header for block in self.blocks)
        labels.extend((*self.column_groups, *self.column_labels))
        if self.header_label:
            labels.append(self.header_label)
        if self.header_note:
            labels.append(f"（{self.header_note}）")
        return tuple(labels)

    def cell_label(self, row_key: str, column_key: str) -> str:
        row = self.row(row_key)
        column = self.column(row_key, column_key)
        return f"{row.label if row else row_key} / {column.label if column else column_key}"


class SectionSpec(NamedTuple):
    number: int
    key: str
    title: str
    aliases: tuple[str, ...] = ()  # recognised, but not the template's wording
    accepted: tuple[str, ...] = ()  # other wordings the official notices themselves use
    table: str | None = None
    must_mention: tuple[str, ...] = ()

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.accepted, *self.aliases)

    def is_official_wording(self, title: str) -> bool:
        return label_key(title) in {label_key(text) for text in (self.title, *self.accepted)}


class Term(NamedTuple):
    sign: int
    row: str
    column: str


class Equation(NamedTuple):
    """One concrete check, ``sum(left) <relation> sum(right)``, over cells of one table."""

    id: str
    family: str
    table: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    relation: str  # "=", "<=", ">="
    text: str
    severity: str | None = None
    binding: tuple[tuple[str, str], ...] = ()  # the for_each values that made this instance

    @property
    def cells(self) -> tuple[tuple[str, str], ...]:
        return tuple((term.row, term.column) for term in (*self.left, *self.right))


@dataclass(frozen=True, eq=False)
class TemplateSpec:
    id: str
    title: str
    document: str
    first_year: int
    last_year: int | None
    signature: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    tables: dict[str, TableSpec] = field(hash=False)
    equation_templates: tuple[dict, ...] = field(hash=False, repr=False)
    leftovers: tuple[str, ...] = ()
    money: tuple[dict, ...] = field(default=(), hash=False, repr=False)
    prose_facts: tuple[dict, ...] = field(default=(), hash=False, repr=False)
    # Equations between a report and the same agency's report on the year before, and the
    # sentences every report carries (not counted as copied text): see docs/cross-report.md.
    cross_year: tuple[dict, ...] = field(default=(), hash=False, repr=False)
    boilerplate: tuple[str, ...] = ()
    path: str | None = None

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @functools.cached_property
    def label_scanner(self) -> LabelScanner:
        return LabelScanner(label for table in self.tables.values() for label in table.labels)

    @functools.cached_property
    def section_index(self) -> LabelIndex:
        return LabelIndex(((title, section.key) for section in self.sections for title in section.titles), threshold=0.6)

    def section(self, key: str) -> SectionSpec | None:
        return next((section for section in self.sections if section.key == key), None)

    def table_for_section(self, section_key: str) -> str | None:
        section = self.section(section_key)
        return section.table if section else None

    @functools.cached_property
    def equations(self) -> tuple[Equation, ...]:
        return self.equations_for()

    def equations_for(self, table_key: str | None = None, extra_rows: Iterable[str] = ()) -> tuple[Equation, ...]:
        """Concrete equations; row patterns (``art20_1.*``) also cover ``extra_rows``, rows a
        report added to a table whose columns are nonetheless known."""
        return self._equations_for(table_key, tuple(extra_rows))

    @functools.lru_cache(maxsize=256)  # the spec is immutable; most reports add no rows
    def _equations_for(self, table_key: str | None, extra: tuple[str, ...]) -> tuple[Equation, ...]:
        return tuple(
            itertools.chain.from_iterable(
                self._expand(template, extra)
                for template in self.equation_templates
                if table_key is None or template["table"] == table_key
            )
        )

    def _expand(self, template: dict, extra_rows: tuple[str, ...] = ()) -> Iterator[Equation]:
        table = self.tables[template["table"]]
        value_rows = [row.key for row in table.value_rows()] + list(extra_rows)
        loops = template.get("for_each") or {}
        names = list(loops)
        choices = []
        for name in names:
            values: list[str] = []
            for value in loops[name]:
                values.extend(_glob_rows(value, value_rows) if name == "row" else [value])
            choices.append(values)
        for combination in itertools.product(*choices) if names else [()]:
            binding = dict(zip(names, combination))
            left = tuple(_terms(template.get("left", []), binding, value_rows))
            right = tuple(_terms(template.get("right", []), binding, value_rows))
            yield Equation(
                id=template["id"],
                family=template.get("family", template["id"]),
                table=template["table"],
                left=left,
                right=right,
                relation=template.get("relation", "="),
                text=template.get("text", template["id"]),
                severity=template.get("severity"),
                binding=tuple(binding.items()),
            )


def _glob_rows(pattern: str, value_rows: list[str]) -> list[str]:
    if "*" in pattern:
        return [row for row in value_rows if fnmatch.fnmatchcase(row, pattern)]
    return [pattern]


def _terms(references: list[str], binding: dict[str, str], value_rows: list[str]) -> Iterator[Term]:
    for reference in references:
        sign = -1 if reference.startswith("-") else 1
        row, _, column = reference.lstrip("-").format(**binding).partition("/")
        for row_key in _glob_rows(row, value_rows):
            yield Term(sign, row_key, column)


def _columns(raw: list[dict]) -> tuple[ColumnSpec, ...]:
    columns = []
    for item in raw:
        kind = item.get("kind", "count")
        columns.append(
            ColumnSpec(
                key=item["key"],
                label=item["label"],
                aliases=tuple(item.get("aliases", ())),
                kind=kind,
                unit=item.get("unit", "件" if kind == "count" else None),
                decimals=item.get("decimals"),
                signed=bool(item.get("signed", False)),
            )
        )
    return tuple(columns)


def _rows(raw: list[dict]) -> tuple[RowSpec, ...]:
    return tuple(
        RowSpec(item["key"], item["label"], tuple(item.get("aliases", ())), bool(item.get("group", False)),
                tuple(item.get("within", ())))
        for item in raw
    )


def spec_from_data(data: dict, path: str | None = None) -> TemplateSpec:
    tables = {}
    for key, raw in data["tables"].items():
        tables[key] = TableSpec(
            key=key,
            number=raw["number"],
            title=raw["title"],
            layout=raw["layout"],
            columns=_columns(raw.get("columns", [])),
            rows=_rows(raw.get("rows", [])),
            blocks=tuple(
                BlockSpec(block["key"], block["header"], _columns(block["columns"]), _rows(block["rows"]))
                for block in raw.get("blocks", [])
            ),
            column_groups=tuple(raw.get("column_groups", ())),
            column_labels=tuple(raw.get("column_labels", ())),
            header_label=raw.get("header_label"),
            header_note=raw.get("header_note"),
            header_note_markers=tuple(raw.get("header_note_markers", ())),
        )
    sections = tuple(
        SectionSpec(
            number=item["number"],
            key=item["key"],
            title=item["title"],
            aliases=tuple(item.get("aliases", ())),
            accepted=tuple(item.get("accepted", ())),
            table=item.get("table"),
            must_mention=tuple(item.get("must_mention", ())),
        )
        for item in data["sections"]
    )
    years = data.get("years", {})
    return TemplateSpec(
        id=str(data["id"]),
        title=data["title"],
        document=data.get("document", ""),
        first_year=int(years.get("first", 0)),
        last_year=years.get("last"),
        signature=tuple(data.get("signature", ())),
        sections=sections,
        tables=tables,
        equation_templates=tuple(data.get("equations", ())),
        leftovers=tuple(data.get("leftovers", ())),
        money=tuple(data.get("money", ())),
        prose_facts=tuple(data.get("prose_facts", ())),
        cross_year=tuple(data.get("cross_year", ())),
        boilerplate=tuple(data.get("boilerplate", ())),
        path=path,
    )


def _read_spec_data(path: str) -> dict:
    """The YAML of a spec, through a JSON copy in the user's cache directory when possible:
    parsing YAML is the slowest step of a cold start, reading JSON is not. JSON, unlike a
    pickle, cannot carry code, so a planted cache file can do no more than a wrong spec."""
    from reportlint.cache import read_json, user_cache_dir, write_json

    with open(path, "rb") as handle:
        raw = handle.read()
    cache_dir = user_cache_dir("templates")
    cached = None
    if cache_dir is not None:
        import hashlib

        cached = os.path.join(cache_dir, f"{hashlib.sha256(raw).hexdigest()[:24]}.json")
        try:
            return read_json(cached)
        except (OSError, ValueError):
            pass
    import yaml  # only when the JSON copy is missing: importing PyYAML costs a cold start ~15 ms

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    data = yaml.load(raw.decode("utf-8"), Loader=loader)
    if cached is not None:
        try:
            write_json(cached, data)
        except OSError:
            pass
    return data


@functools.lru_cache(maxsize=32)
def load_spec(path: str) -> TemplateSpec:
    return spec_from_data(_read_spec_data(path), path)


def builtin_spec_paths() -> list[str]:
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "specs")
    return sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".yaml"))
