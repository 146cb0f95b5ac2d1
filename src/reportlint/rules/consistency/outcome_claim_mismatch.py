import re

from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import reviews
from reportlint.rules.base import Rule, RuleContext

# What a claim in the prose rules out in table 4 (column suffixes whose cells must be 0).
_CLAIMS = (
    (re.compile(r"均(?:获|被|予以)?维持|全部(?:获得?)?维持|均为维持"), ("corrected", "other", "pending")),
    (re.compile(r"均已(?:审结|结案|办结)|全部(?:审结|结案)"), ("pending",)),
    (re.compile(r"均未被纠正|无(?:一|1)被纠正|未被纠正"), ("corrected",)),
)
_NAMES = {"corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}


class OutcomeClaimMismatch(Rule):
    """Checks claims in the prose about the outcome of 行政复议 and 行政诉讼 (``均获维持``,
    ``均已审结``) against table 4: a case still pending or corrected contradicts them.

    **Why it matters.** “All upheld” is the sentence readers remember; when the table shows a case
    still pending (尚未审结), the report overstates the agency's record.
    """

    code = "RL504"
    name = "outcome-claim-mismatch"
    category = "consistency"
    severity = Severity.WARNING
    preview = True
    summary = Message("正文对复议诉讼结果的表述与表四不符", "A claim about review and litigation outcomes contradicts table 4")
    bad_example = reviews("2 0 0 1 3 0 0 0 0 0 0 0 0 0 0").replace("| 行政复议 |", "本年度发生行政复议3件，均获维持。\n\n| 行政复议 |", 1)
    good_example = reviews("3 0 0 0 3 0 0 0 0 0 0 0 0 0 0").replace("| 行政复议 |", "本年度发生行政复议3件，均获维持。\n\n| 行政复议 |", 1)

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        table = report.table("reviews")
        if table is None:
            return
        for paragraph in report.document.paragraphs():
            for pattern, outcomes in _CLAIMS:
                match = pattern.search(paragraph.text)
                if not match:
                    continue
                against = {
                    f"{group}.{outcome}": table.number("cases", f"{group}.{outcome}")
                    for group in ("review", "direct_suit", "suit_after_review")
                    for outcome in outcomes
                }
                nonzero = {key: value for key, value in against.items() if value}
                if not nonzero:
                    continue
                names = "、".join(sorted({_NAMES[key.split(".")[1]] for key in nonzero}))
                ctx.report(
                    paragraph.span_of(match.start(), match.end()),
                    f"正文称“{match.group()}”，但表四有{names}的案件",
                    f"The prose says “{match.group()}” but table 4 has cases that are {names}",
                    location=Location(table="reviews"),
                    evidence={"claim": match.group(), "cells": {key: float(value) for key, value in nonzero.items()}},
                )
