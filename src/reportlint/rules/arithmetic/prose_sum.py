import re
from decimal import Decimal
from typing import Iterator, NamedTuple

from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import TITLE
from reportlint.rules.base import Rule, RuleContext

# A count and its unit. Digit runs longer than any count are not counts (and bounded, so the
# pattern stays linear on a wall of digits).
_QUANTITY = re.compile(r"(?<![\d.])(\d{1,9}(?:\.\d{1,4})?)(?![\d.])\s*(件|篇|条|个|项|次|人次|起|宗|家)")
# What opens a breakdown of the figure just before it: 其中 / 含 / 包括, or a bracket (holding one
# of them, or right after the figure: 预决算公开197条（政府预决算32条、部门预决算公开165条）).
_OPENER = re.compile(r"[（(]\s*(?:其中|含|包含|包括)?[:：]?|[，,；;]?\s*(?:其中|包括)[:：]?")
# The last part of a complete enumeration: 其他… / 其余… names what the others leave.
_REST = re.compile(r"(?:其他|其余|其它)[^，,、；;。]*$")
# How far before the opener the total may stand: 81件，其中 / 18件（含 / 14件(其中
MAX_GAP_TO_OPENER = 3
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_PERCENT = re.compile(r"占[^%％\d]{0,8}?(\d{1,3}(?:\.\d{1,4})?)\s*[%％]")


class Breakdown(NamedTuple):
    total: Decimal
    unit: str
    total_at: int  # offset of the total in the sentence
    parts: list[tuple[Decimal, int, int]]  # (value, start and end in the sentence)
    end: int
    complete: bool  # the last part is 其他… / 其余…: the parts name all of the total
    before: list[Decimal]  # figures of the same unit before the total (a 其中 may break down their sum)


_CLAUSE_BREAK = re.compile(r"[，,；;]")
# A figure in another measure (征集调查16期 among 条): the enumeration is not all in one unit.
_OTHER_MEASURE = re.compile(r"(?<![\d.])\d{1,9}(?:\.\d{1,4})?\s*(?![件篇条个项次起宗家年月日%％余多])[\u4e00-\u9fff]")


def _outside(sentence: str, start: int, end: int, brackets: list[tuple[int, int]]) -> str:
    """``sentence[start:end]`` without the text of nested brackets."""
    pieces, position = [], start
    for left, right in brackets:
        pieces.append(sentence[position:left])
        position = right + 1
    pieces.append(sentence[position:end])
    return "".join(pieces)


def _enumeration_end(sentence: str, start: int, end: int, unit: str, brackets: list[tuple[int, int]]) -> int:
    """Where the enumeration after an opener ends: at the first clause that names no part and
    no share (…其中网络申请5件，信函申请5件，已按程序办理，发生行政复议1件: the 复议 is not a part)."""
    position = start
    for separator in list(_CLAUSE_BREAK.finditer(sentence, start, end)) + [None]:
        stop = separator.start() if separator else end
        if any(left <= position <= right for left, right in brackets):
            position = stop + 1
            continue
        clause = sentence[position:stop]
        names_a_part = any(match.group(2) == unit for match in _QUANTITY.finditer(clause))
        if clause.strip() and not names_a_part and not _PERCENT.search(clause) and not any(
                left >= position and left < stop for left, _ in brackets):
            return position
        position = stop + 1
    return end


def _nested(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The brackets inside ``sentence[start:end]``: a part's own breakdown, not more parts."""
    spans, depth, opened = [], 0, 0
    for position in range(start, end):
        char = sentence[position]
        if char in "（(":
            if depth == 0:
                opened = position
            depth += 1
        elif char in "）)" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, position))
    if depth:
        spans.append((opened, end))
    return spans


def breakdowns(sentence: str) -> Iterator[Breakdown]:
    """The breakdowns a sentence states: a figure, then 其中 / 含 / 包括 (or a bracket opening
    with one of them), then the figures of the same unit up to the end of the bracket or of the
    sentence. Figures listed after a total without such a word are categories side by side
    (共发布…信息40条，征地信息类121条), not a breakdown, and are not read as one."""
    quantities = [(match.start(), match.end(), Decimal(match.group(1)), match.group(2))
                  for match in _QUANTITY.finditer(sentence)]
    for opener in _OPENER.finditer(sentence):
        before = [q for q in quantities if q[1] <= opener.start() and opener.start() - q[1] <= MAX_GAP_TO_OPENER]
        if not before:
            continue
        total_start, _, total, unit = before[-1]
        bracket = opener.group().lstrip("，,；; ")[:1] in "（("
        if bracket and not opener.group().strip("（( :：") and opener.start() != before[-1][1]:
            continue  # a bare bracket breaks down only the figure right before it
        end = len(sentence)
        if bracket:
            nested = _nested(sentence, opener.start(), len(sentence))
            end = nested[0][1] if nested else end
        inner = _nested(sentence, opener.end(), end)
        end = _enumeration_end(sentence, opener.end(), end, unit, inner)
        parts = [(value, start, stop) for start, stop, value, part_unit in quantities
                 if opener.end() <= start and stop <= end and part_unit == unit
                 and not any(left < start < right for left, right in inner)]
        other_measures = bool(_OTHER_MEASURE.search(_outside(sentence, opener.end(), end, inner)))
        last_clause = sentence[parts[-1][1] - 30 if len(parts) > 1 else 0:parts[-1][1]] if parts else ""
        # …其他文件共54条 names the rest; …其他文件共54条等 ("and so on") does not close the list.
        complete = bool(parts) and bool(_REST.search(re.split(r"[，,、；;]", last_clause)[-1])) \
            and not sentence[parts[-1][2]:parts[-1][2] + 2].lstrip().startswith("等")
        earlier = [value for start, stop, value, part_unit in quantities if stop <= total_start and part_unit == unit]
        yield Breakdown(total, unit, total_start, parts, end, complete and not other_measures, earlier)


def excess(breakdown: Breakdown) -> tuple[Decimal, list[Decimal]] | None:
    """The sum that overshoots the total, if the parts do. Parts are taken in order; when they
    reach the total exactly, that enumeration is complete and the next figures start another
    breakdown of the same total (by applicant, then by outcome: 741 + 8 = 749; 718 + 31 = 749)."""
    running: list[Decimal] = []
    for value, _, _ in breakdown.parts:
        if value == breakdown.total and not running:
            continue  # the total restated
        running.append(value)
        added = sum(running)
        if added == breakdown.total:
            running = []
        elif added > breakdown.total:
            # 收到9件，上年转结1件，其中网络5件，信函5件: the 其中 breaks down the figures together.
            everything = sum(value for value, _, _ in breakdown.parts)
            if any(everything == breakdown.total + sum(breakdown.before[-count:]) for count in (1, 2, 3)
                   if len(breakdown.before) >= count):
                return None
            return added, running
    return None


def short_of_complete(breakdown: Breakdown) -> Decimal | None:
    """The sum of a complete enumeration (its last part 其他… or 其余…) that falls short of its
    total, if it does."""
    if not breakdown.complete or len(breakdown.parts) < 2:
        return None
    added = sum(value for value, _, _ in breakdown.parts)
    return added if added < breakdown.total else None


def short_total(sentence: str, breakdown: Breakdown) -> tuple[Decimal, Decimal, Decimal] | None:
    """A total the sentence's own percentages contradict: the parts fall short of it, and a
    stated share (占41.5%) is some part's share of the parts' sum while no part has that share of
    the total. Returns (part, percentage, sum of the parts)."""
    if len(breakdown.parts) < 2:
        return None
    values = [value for value, _, _ in breakdown.parts]
    added = sum(values)
    if added >= breakdown.total:
        return None
    for share in _PERCENT.finditer(sentence, breakdown.parts[0][1]):
        stated = Decimal(share.group(1))
        places = Decimal(1).scaleb(-len(share.group(1).partition(".")[2]))
        if any(abs(value / breakdown.total * 100 - stated) <= places for value in values):
            continue
        of_parts = [value for value in values if abs(value / added * 100 - stated) <= places]
        if of_parts:
            return of_parts[0], stated, added
    return None


class ProseSum(Rule):
    """Checks the breakdowns stated in the prose. A breakdown is a figure followed by 其中, 含 or
    包括 (or a bracket opening with one of them): ``共收到申请14件(其中信件申请10件,网络申请4件)``.
    Its parts — the figures of the same unit up to the end of the bracket or the sentence — must
    not add up to more than the figure; they may add up to less (the rest is not itemised). When
    the parts reach the total exactly the enumeration is complete, and the figures after it are a
    second breakdown of the same total (by applicant, then by outcome). A total that the
    sentence's own percentages contradict — parts that fall short of it while a part's 占…% is its
    share of the parts' sum — is reported too.

    An enumeration whose last part is 其他… or 其余… names all of the total and must add up to it
    exactly. Figures inside a nested bracket break down the part before them, not the total.
    A 其中 may break down the figures just before it together (收到9件，上年转结1件，其中网络申请5件、
    信函申请5件: 5 + 5 = 9 + 1).

    Figures listed after 共 without such a word (``共发布生态环境保护类信息40条，征地信息类121条``) are
    categories side by side, not a breakdown, and are not added up.

    **Why it matters.** Figures in the text are read and quoted more than the tables; a breakdown
    that does not add up makes readers doubt both.
    """

    code = "RL207"
    name = "prose-sum"
    category = "arithmetic"
    severity = Severity.WARNING
    summary = Message("正文中的分项之和与总数不符", "Parts stated in the prose do not add up to their total")
    bad_example = TITLE + "一、总体情况\n\n全年共发布信息120篇，其中政务动态80篇、通知公告50篇。\n"
    good_example = TITLE + "一、总体情况\n\n全年共发布信息120篇，其中政务动态80篇、通知公告30篇，其余为其他栏目信息。\n"

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for paragraph in report.document.paragraphs():
            text = paragraph.text
            if "其中" not in text and "含" not in text and "包括" not in text:
                continue  # no breakdown word: most paragraphs
            for sentence_match in _SENTENCE.finditer(text):
                self.check_sentence(sentence_match.group(), sentence_match.start(), paragraph, ctx)

    def check_sentence(self, sentence: str, offset: int, paragraph, ctx: RuleContext) -> None:
        for breakdown in breakdowns(sentence):
            total, unit = breakdown.total, breakdown.unit
            over = excess(breakdown)
            quoted = sentence[breakdown.total_at:breakdown.end][:60]
            span = paragraph.span_of(offset + breakdown.total_at, offset + breakdown.end)
            if over is not None:
                added, parts = over
                ctx.report(
                    span,
                    f"正文所列分项之和 {added}{unit}多于总数 {total}{unit}（“{quoted}”）",
                    f"The parts listed in the prose add up to {added} where the total is {total} (“{quoted}”)",
                    location=Location(),
                    evidence={"total": float(total), "parts": [float(p) for p in parts], "unit": unit},
                )
                continue
            short = short_of_complete(breakdown)
            if short is not None:
                ctx.report(
                    span,
                    f"正文所列分项之和 {short}{unit}少于总数 {total}{unit}，而最后一项“其他”应包括其余全部（“{quoted}”）",
                    f"The parts add up to {short} where the total is {total}, and the last part (其他) should cover the rest (“{quoted}”)",
                    location=Location(),
                    evidence={"total": float(total), "parts": [float(value) for value, _, _ in breakdown.parts],
                              "unit": unit, "complete": True},
                )
                continue
            contradicted = short_total(sentence, breakdown)
            if contradicted is not None:
                part, stated, added = contradicted
                ctx.report(
                    span,
                    f"正文总数 {total}{unit}与其分项不符：分项之和为 {added}{unit}，而“{part}{unit}”所占的 {stated}% "
                    f"是相对于 {added}{unit} 而言（“{quoted}”）",
                    f"The total {total} does not fit its parts: they add up to {added}, and the {stated}% given for "
                    f"{part} is its share of {added} (“{quoted}”)",
                    location=Location(),
                    evidence={"total": float(total), "parts": [float(value) for value, _, _ in breakdown.parts],
                              "unit": unit, "share": float(stated), "of": float(added)},
                )
