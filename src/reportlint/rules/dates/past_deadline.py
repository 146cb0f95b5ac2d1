import datetime as dt

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.dates import report_dates

_NAMES = {
    "department": ("政府部门", "a government department"),
    "street": ("街道办事处", "a street office"),
    "township": ("乡镇", "a township"),
    "government-office": ("政府办公厅（室）本机关报告", "a government office's own report"),
    "county": ("县级政府报告", "a county-level government's report"),
    "prefecture": ("地市级政府报告", "a prefecture-level government's report"),
    "province": ("省级政府报告", "a provincial government's report"),
    "zone": ("开发区、管委会", "a development zone"),
    "any": ("2007年条例", "the 2007 regulation"),
}
# 条例 第四十九条: no annual report may be later than 3月31日.
_STATUTORY_LIMIT = (3, 31)
# The 2019 条例 (in force 2019-05-15) set the earlier deadlines; reports on 2018 were due under the old one.
_NEW_REGULATION_FIRST_YEAR = 2019


class PastDeadline(Rule):
    """Checks the report's date (发布日期 if the text carries one, else the signature, else
    填表时间) against the deadline for its kind of agency: 1月31日 for government departments,
    乡镇 and 街道 and a government's own office; 2月20日 for a county-level government's report,
    3月10日 prefecture-level, 3月31日 provincial (条例 第四十九条 and the 2019/2021 format
    notices). The kind is inferred from the agency's name (title, else signature): where the name
    leaves several kinds plausible (a 市 may be prefecture- or county-level; a 管委会 reports as a
    department in some places and as a government in others; a government office may publish its
    own report or its government's), the most lenient of their deadlines applies, and the
    message says which kind was assumed and why. Set the kind, or the deadlines, in the rule's
    options.

    **Why it matters.** Publishing late is the defect most often named in 通报 and assessments,
    and past 3月31日 it breaks the 条例 itself.
    """

    code = "RL304"
    name = "past-deadline"
    category = "date"
    severity = Severity.WARNING
    preview = True
    summary = Message("报告日期晚于该类机关的报送期限", "The report is dated after its agency's deadline")
    options = {
        "agency-kind": "auto",
        "deadlines": {"department": "01-31", "street": "01-31", "township": "01-31", "government-office": "01-31",
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
        deadlines = {**self.options["deadlines"], **ctx.options["deadlines"]}
        kinds, reason = self.kinds(report, ctx)
        if report.year < _NEW_REGULATION_FIRST_YEAR:
            # Reports on 2018 and earlier fell under the 2007 条例 (第三十一条): 3月31日 for every organ.
            kinds, reason, deadlines = ("any",), "2018年及以前的报告适用2007年条例，一律3月31日前公布", {"any": "03-31"}
        # Where the kind is uncertain, the most lenient of the plausible deadlines: never the strictest.
        known = [(self.deadline(report.year, deadlines[kind]), kind) for kind in kinds if kind in deadlines]
        deadline, kind = max(known) if known else (dt.date(report.year + 1, *_STATUTORY_LIMIT), "unknown")
        if chosen.date <= deadline:
            return
        statutory = dt.date(report.year + 1, *_STATUTORY_LIMIT)
        name_zh, name_en = _NAMES.get(kind, ("条例规定", "the regulation's"))
        assumed = "、".join(_NAMES.get(k, (k, k))[0] for k in kinds) or "未知"
        ctx.report(
            chosen.span,
            f"报告日期 {chosen.date.isoformat()} 晚于{name_zh}的期限 {deadline.isoformat()}"
            f"（按机关类别“{assumed}”判断：{reason}）",
            f"The report is dated {chosen.date.isoformat()}, after the deadline for {name_en}, {deadline.isoformat()}",
            evidence={"date": chosen.date.isoformat(), "deadline": deadline.isoformat(), "agency_kind": kind,
                      "plausible_kinds": list(kinds), "reason": reason, "date_kind": chosen.kind},
            # Past the 条例's own limit it is certain — by the report's own date; a page's 发布时间
            # may be a re-post's or a site move's.
            severity=Severity.ERROR if chosen.date > statutory and chosen.kind == "signature" else None,
        )

    @staticmethod
    def deadline(year: int, month_day: str) -> dt.date:
        month, day = (int(part) for part in str(month_day).split("-"))
        return dt.date(year + 1, month, day)

    @staticmethod
    def kinds(report: BoundReport, ctx: RuleContext) -> tuple[tuple[str, ...], str]:
        configured = ctx.options["agency-kind"]
        if configured != "auto":
            return (configured,), "按配置"
        identity = report.identity
        if identity is None or not identity.kinds:
            return (), identity.reason if identity else "报告没有写明机关名称"
        return identity.kinds, identity.reason
