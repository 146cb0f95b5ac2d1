import re
from decimal import Decimal

from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import TITLE
from reportlint.rules.base import Rule, RuleContext

_QUANTITY = r"(\d+(?:\.\d+)?)\s*(件|篇|条|个|项|次|人次|起|宗|家)"
_TOTAL = re.compile(r"(?:共|合计|总计|累计)[^，。；、\d]{0,12}?" + _QUANTITY)
_PART = re.compile(_QUANTITY)
_SUBSET = re.compile(r"其中")
_SENTENCE = re.compile(r"[^。！？!?]+")
_CLAUSE = re.compile(r"[，,、；;：:]")


class ProseSum(Rule):
    """Checks sums stated in the prose: in ``共受理656件，平台信访615件，信访41件`` the parts that
    follow a total in the same sentence must add up to it. After ``其中`` the parts may add up to
    less (``其中…其余…``: the rest is not itemised), never to more.

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
            # Every total word (共, 合计, 总计, 累计) holds 共 or 计: most paragraphs hold neither.
            if "共" not in paragraph.text and "计" not in paragraph.text:
                continue
            for sentence_match in _SENTENCE.finditer(paragraph.text):
                self.check_sentence(sentence_match.group(), sentence_match.start(), paragraph, ctx)

    def check_sentence(self, sentence: str, offset: int, paragraph, ctx: RuleContext) -> None:
        total_match = _TOTAL.search(sentence)
        if not total_match:
            return
        total, unit = Decimal(total_match.group(1)), total_match.group(2)
        rest = sentence[total_match.end():]
        subset = bool(_SUBSET.search(rest))
        parts = []
        for clause in _CLAUSE.split(rest):
            found = [m for m in _PART.finditer(clause) if m.group(2) == unit]
            if not clause.strip():
                continue
            if len(found) != 1:
                if parts:
                    break
                continue
            value = Decimal(found[0].group(1))
            if value == total and not parts:
                continue
            if value == total:
                break  # the total restated ("办结回复656件"): the breakdown is over
            parts.append(value)
        if len(parts) < 2:
            return
        added = sum(parts)
        if added == total or (subset and added < total):
            return
        relation = "多于" if added > total else "少于"
        ctx.report(
            paragraph.span_of(offset + total_match.start(), offset + len(sentence)),
            f"正文所列分项之和 {added}{unit}{relation}总数 {total}{unit}（“{sentence[:40]}…”）",
            f"The parts listed in the prose add up to {added} where the total is {total} (“{sentence[:40]}…”)",
            location=Location(),
            evidence={"total": float(total), "parts": [float(p) for p in parts], "unit": unit, "subset": subset},
        )
