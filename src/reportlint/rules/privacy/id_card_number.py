import re

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext

_ID = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![\dA-Za-z])")
# Most reports hold no run of 17 digits at all: a plain character run finds that out in half
# the time _ID takes with its lookarounds tried at every position.
_SEVENTEEN_DIGITS = re.compile(r"[0-9０-９]{17}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def valid_id_number(number: str) -> bool:
    """The GB 11643 check digit: filters out other 18-digit numbers (orders, accounts)."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


class IdCardNumber(Rule):
    """Flags unmasked 18-digit resident ID numbers (with a valid check digit) anywhere in the
    report.

    **Why it matters.** An ID number is enough to open accounts in a person's name; publishing one
    breaks 条例 第十五条, and the inspection notices require masking (35*************123).
    """

    code = "RL602"
    name = "id-card-number"
    category = "privacy"
    severity = Severity.ERROR
    preview = True
    summary = Message("公开了身份证号码", "A resident ID number is published")
    bad_example = example(tail="申请人身份证号：11010519491231002X\n")
    good_example = example(tail="申请人身份证号：110105**********2X\n")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        source = report.source
        if not _SEVENTEEN_DIGITS.search(source.rendition):
            return
        for match in _ID.finditer(source.rendition):
            number = match.group(1)
            if not valid_id_number(number):
                continue
            masked = number[:6] + "*" * 10 + number[-2:]
            ctx.report(
                source.rendition_span(match.start(1), match.end(1)),
                f"公开了身份证号码 {masked}",
                f"A resident ID number is published: {masked}",
                evidence={"masked": masked},
                suggestion=("删除或打码", "remove or mask it"),
            )
