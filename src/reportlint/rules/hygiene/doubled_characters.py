import re

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext

# Two to four characters written twice in a row: 政府政府, 规范审核审核. Only CJK doubles count;
# that is tested on each match (see _doubled_word), because a CJK character class costs CPython
# ~1.5 ms to compile in every process.
_DOUBLED = re.compile(r"(\w{2,4})\1")


def _doubled_word(text: str) -> str | None:
    position = 0
    while match := _DOUBLED.search(text, position):
        if all("\u4e00" <= char <= "\u9fff" for char in match.group(1)):
            return match.group(1)
        position = match.start() + 1
    return None


class DoubledCharacters(Rule):
    """Flags words written twice in a row in the title and the section headings (政府政府).

    **Why it matters.** Headings are what readers and search engines see first; a doubled word
    there is the most visible typo a report can have.
    """

    code = "RL702"
    name = "doubled-characters"
    category = "hygiene"
    severity = Severity.INFO
    preview = True
    summary = Message("标题中有重复的词", "A word is doubled in a heading")
    bad_example = example(rename={"四": "政府信息公开行政复议、行政诉讼诉讼情况"})
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        headings = [(section.title, section.heading_span) for _, section in report.document.all_sections()]
        if report.document.title:
            headings.insert(0, (report.document.title.text, report.document.title.span))
        for text, span in headings:
            doubled = _doubled_word(text)
            if doubled:
                ctx.report(
                    span,
                    f"标题中“{doubled}”重复：“{text}”",
                    f"“{doubled}” is doubled in the heading “{text}”",
                    evidence={"doubled": doubled},
                    suggestion=(f"删去重复的“{doubled}”", f"delete the repeated “{doubled}”"),
                )
