import re

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext

# A mainland mobile number: 11 digits starting 13–19, not part of a longer run of digits. The
# pattern starts with the literal 1 so the regex engine can skip ahead; the digit (or hyphen:
# 027-1…) before it is checked in Python, which is much faster than a leading look-behind.
_MOBILE = re.compile(r"(1[3-9]\d{9})(?![\d.])")  # not the start of an amount (13575394432.52元)


class PersonalMobileNumber(Rule):
    """Flags unmasked personal mobile numbers (11 digits, prefix 13–19) anywhere in the report,
    attachments included. Office landlines (027-88101021, 8-digit numbers) are not flagged;
    masked numbers (138****1234) are fine.

    **Why it matters.** A contact sheet pasted into an attachment publishes officials' private
    phone numbers; 条例 第十五条 protects personal information, and government site inspections
    report exactly this (出现多个个人手机号码).
    """

    code = "RL601"
    name = "personal-mobile-number"
    category = "privacy"
    severity = Severity.ERROR
    preview = True
    summary = Message("公开了个人手机号码", "A personal mobile number is published")
    bad_example = example(tail="附件3：政府信息公开工作机构登记表\n\n联系方式\t办公：88106736 手机：17762501193\n")
    good_example = example(tail="附件3：政府信息公开工作机构登记表\n\n联系方式\t办公：88106736 手机：177****1193\n")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        source = report.source
        text = source.rendition
        # The template's tables hold counts, not phone numbers: eleven digits there are figures a
        # crawler ran together (15130000154 = 151 | 3 | 0 | 0 | 0 | 0 | 154).
        tables = [table.span for instances in report.tables.values() for table in instances]
        tables += [table.span for table in report.unreadable]
        for match in _MOBILE.finditer(text):
            if match.start() and (text[match.start() - 1].isdigit() or text[match.start() - 1] == "-"):
                continue  # part of a longer number or of a landline (027-…)
            span = source.rendition_span(match.start(1), match.end(1))
            if any(table.start <= span.start and span.end <= table.end for table in tables):
                continue
            number = match.group(1)
            masked = number[:3] + "****" + number[-4:]
            ctx.report(
                span,
                f"公开了个人手机号码 {masked}",
                f"A personal mobile number is published: {masked}",
                evidence={"masked": masked},
                suggestion=(f"删除或隐去中间四位，如 {masked}", f"remove it or mask it as {masked}"),
            )
