import functools
import re

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.parsing import Table
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.templates import label_key


@functools.lru_cache(maxsize=8)  # one entry per template; worked out once, not per report
def _leftover_patterns(leftovers: tuple[str, ...]) -> tuple[list[tuple[str, str]], re.Pattern]:
    wanted = [(text, label_key(text, keep_enumerator=True)) for text in leftovers]
    # The words inside each leftover, to skip quickly the texts that cannot contain one.
    cores = re.compile("|".join(re.escape(re.sub(r"[（）()，,]", "", text)) for text in leftovers))
    return wanted, cores


class TemplateLeftover(Rule):
    """Flags text that belongs to the blank template, not to a finished report: 编写说明,
    （文字描述）, （表格）, XX年 and the like (listed per template in its spec).

    **Why it matters.** A published report that still says “（文字描述）” was not read before
    publication; readers take it as a sign that the figures were not checked either.
    """

    code = "RL111"
    name = "template-leftover"
    category = "structure"
    severity = Severity.WARNING
    preview = True
    summary = Message("报告中残留模板说明文字", "Text left over from the blank template")
    bad_example = example(rename={"一": "总体情况（文字描述）"})
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.template is None or not report.template.leftovers:
            return
        wanted, cores = _leftover_patterns(tuple(report.template.leftovers))
        # (text, node) pairs; a node's span is only worked out for the few that match.
        places = [(paragraph.text, paragraph) for paragraph in report.document.paragraphs()]
        places += [(f"{s.numeral}、{s.title}", s) for _, s in report.document.all_sections()]
        for _, _, block in report.document.blocks():
            if isinstance(block, Table):
                places += [(cell.text, cell) for row in block.rows for cell in row.cells if cell.text]
        for text, node in places:
            if not cores.search(text):
                continue
            key = label_key(text, keep_enumerator=True)
            for leftover, leftover_key in wanted:
                if leftover_key and leftover_key in key:
                    ctx.report(
                        getattr(node, "heading_span", None) or node.span,
                        f"残留模板文字“{leftover}”",
                        f"Template text “{leftover}” left in the report",
                        evidence={"text": leftover},
                        suggestion=("删除模板说明文字", "delete the template's instructions"),
                    )
                    break
