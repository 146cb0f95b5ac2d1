import datetime as dt
import re

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.dates import report_dates

_ORGAN = re.compile(r"^(.+?)(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_PROVINCES = ("北京市", "天津市", "上海市", "重庆市")
# Suffixes of the organ's name, most specific first → agency kind.
_KINDS = (
    (("人民政府办公厅", "人民政府办公室", "政府办公室", "政府办公厅"), "government-office"),
    (("街道办事处", "街道", "办事处", "乡人民政府", "镇人民政府", "乡", "镇", "苏木"), "township"),
    (("省人民政府", "自治区人民政府", "省", "自治区"), "province"),
    (("县人民政府", "区人民政府", "旗人民政府", "县", "区", "旗"), "county"),
    (("市人民政府", "州人民政府", "盟行政公署", "市", "州", "盟"), "prefecture"),
)
_NAMES = {
    "department": ("政府部门", "a government department"),
    "township": ("乡镇（街道）", "a township or street office"),
    "government-office": ("政府办公厅（室）", "a government's general office"),
    "county": ("县级政府汇总报告", "a county-level summary"),
    "prefecture": ("地市级政府汇总报告", "a prefecture-level summary"),
    "province": ("省级政府汇总报告", "a provincial summary"),
}
# 条例 第四十九条: no annual report may be later than 3月31日.
_STATUTORY_LIMIT = (3, 31)


def agency_kind(title: str) -> str:
    match = _ORGAN.match(title)
    organ = (match.group(1) if match else title.split("政府信息公开")[0]).strip()
    if any(organ.startswith(city) and organ[len(city):] in ("", "人民政府") for city in _PROVINCES):
        return "province"
    for suffixes, kind in _KINDS:
        if organ.endswith(suffixes):
            return kind
    return "department"


class PastDeadline(Rule):
    """Checks the report's date (发布日期 if the text carries one, else the signature, else
    填表时间) against the deadline for its kind of agency: 1月31日 for government departments,
    乡镇 and 街道 and a government's own office; 2月20日 for a county-level summary, 3月10日
    prefecture-level, 3月31日 provincial (条例 第四十九条 and the 2019/2021 format notices).
    The kind is inferred from the title; set it, or the deadlines, in the rule's options.

    **Why it matters.** Publishing late is the defect most often named in 通报 and assessments,
    and past 3月31日 it breaks the 条例 itself.
    """

    code = "RL304"
    name = "past-deadline"
    category = "date"
    severity = Severity.WARNING
    summary = Message("报告日期晚于该类机关的报送期限", "The report is dated after its agency's deadline")
    options = {
        "agency-kind": "auto",
        "deadlines": {"department": "01-31", "township": "01-31", "government-office": "01-31",
                      "county": "02-20", "prefecture": "03-10", "province": "03-31"},
    }
    bad_example = example(tail="某某街道办事处\n\n2021年2月4日\n")
    good_example = example(tail="某某街道办事处\n\n2021年1月13日\n")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.year is None:
            return
        dates = report_dates(report, ctx)
        chosen = next((d for d in dates if d.kind in ("发布日期", "发布时间")), None) or next(
            (d for d in dates if d.kind == "signature"), None) or (dates[0] if dates else None)
        if chosen is None:
            return
        kind = ctx.options["agency-kind"]
        if kind == "auto":
            kind = agency_kind(report.document.title.text if report.document.title else "")
        deadlines = {**self.options["deadlines"], **ctx.options["deadlines"]}
        month, day = (int(part) for part in str(deadlines.get(kind, "03-31")).split("-"))
        deadline = dt.date(report.year + 1, month, day)
        if chosen.date <= deadline:
            return
        statutory = dt.date(report.year + 1, *_STATUTORY_LIMIT)
        name_zh, name_en = _NAMES.get(kind, (kind, kind))
        ctx.report(
            chosen.span,
            f"报告日期 {chosen.date.isoformat()} 晚于{name_zh}的期限 {deadline.isoformat()}",
            f"The report is dated {chosen.date.isoformat()}, after the deadline for {name_en}, {deadline.isoformat()}",
            evidence={"date": chosen.date.isoformat(), "deadline": deadline.isoformat(), "agency_kind": kind, "date_kind": chosen.kind},
            severity=Severity.ERROR if chosen.date > statutory else None,
        )
