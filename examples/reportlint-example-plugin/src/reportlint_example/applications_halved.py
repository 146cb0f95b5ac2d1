from reportlint.findings import Location, Message, Severity
from reportlint.rules.cross import CrossContext, CrossRule, Pair, example

_TABLE = ("某局{year}年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
          "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
          "|---|---|---|---|---|---|---|---|\n"
          "| 一、本年新收政府信息公开申请数量 | {new} | 0 | 0 | 0 | 0 | 0 | {new} |\n")


class ApplicationsHalved(CrossRule):
    """Notes where 本年新收政府信息公开申请数量 fell to less than half of last year's (the
    ``share`` option), with at least ``minimum`` applications last year.

    **Why it matters.** A province that watches demand for disclosure wants to know where it
    collapsed: a channel closed, or applications counted elsewhere.
    """

    code = "EX201"
    name = "applications-halved"
    category = "consistency"
    severity = Severity.INFO
    summary = Message("本年新收申请不足上年一半", "New applications fell below half of last year's")
    default = False  # third-party rules are opt-in
    scope = "pair"  # check_pair gets each report with the same agency's report on the year before
    options = {"share": 0.5, "minimum": 20}
    bad_example = example(("2022.txt", _TABLE.format(year=2022, new=80)), ("2023.txt", _TABLE.format(year=2023, new=12)))
    good_example = example(("2022.txt", _TABLE.format(year=2022, new=80)), ("2023.txt", _TABLE.format(year=2023, new=61)))

    def check_pair(self, pair: Pair, ctx: CrossContext) -> None:
        now = pair.current.number("applications", "new", "total")
        before = pair.previous.number("applications", "new", "total")
        if now is None or before is None or before < ctx.options["minimum"] or float(now) >= float(before) * ctx.options["share"]:
            return
        cell = pair.current.cell("applications", "new", "total")
        ctx.report(pair.current, cell.span, f"本年新收申请 {now} 件，上年 {before} 件",
                   f"{now} new applications, {before} last year",
                   location=Location(table="applications", row="new", column="total"),
                   evidence={"now": int(now), "before": int(before)},
                   related=[ctx.related(pair.previous, pair.previous.cell("applications", "new", "total").span,
                                        f"上年新收 {before} 件", f"{before} last year")])
