from reportlint.findings import Location, Message, Severity
from reportlint.rules.cross.base import Batch, CrossContext, CrossRule, by_year, example
from reportlint.rules.cross.examples import figures_2021
from reportlint.rules.cross.figures import TRACKED, label, shown, value

_PEERS = [("xiqiao.txt", figures_2021(2022, licensing=320, penalties=410, agency="西桥街道办事处")),
          ("dongshan.txt", figures_2021(2022, licensing=280, penalties=350, agency="东山街道办事处")),
          ("nanhu.txt", figures_2021(2022, licensing=410, penalties=520, agency="南湖街道办事处")),
          ("beiyuan.txt", figures_2021(2022, licensing=150, penalties=260, agency="北苑街道办事处"))]


class PeerOutlier(CrossRule):
    """Notes a 0 where every other report of the same kind of agency (街道, 乡镇, 县级政府, …,
    where the name says so) for the same year reports at least ``minimum`` (default 100), with
    at least ``min-peers`` (default 4) such reports in the run.

    **Why it matters.** Not an error: one 街道 may really have decided no licence all year. But
    when every peer decided hundreds, a 0 is more often a blank filled in, or a figure reported
    elsewhere, and it is where a reviewer of a county's reports looks first.
    """

    code = "RL808"
    name = "peer-outlier"
    category = "consistency"
    severity = Severity.INFO
    preview = True
    scope = "batch"
    options = {"minimum": 100, "min-peers": 4, "cells": TRACKED}
    summary = Message("同类机关都有数百件，本报告为 0", "Zero where every peer reports hundreds")
    bad_example = example(*_PEERS, ("zhongxin.txt", figures_2021(2022, licensing=0, penalties=300, agency="中心街道办事处")))
    good_example = example(*_PEERS, ("zhongxin.txt", figures_2021(2022, licensing=12, penalties=300, agency="中心街道办事处")))

    def check_batch(self, batch: Batch, ctx: CrossContext) -> None:
        minimum = float(ctx.options["minimum"])
        min_peers = int(ctx.options["min-peers"])
        for year, reports in by_year(batch.reports).items():
            kinds: dict[str, list] = {}
            for report in reports:
                if len(report.kinds) == 1:  # only where the name settles the kind
                    kinds.setdefault(report.kinds[0], []).append(report)
            for kind, peers in kinds.items():
                if len(peers) <= min_peers:
                    continue
                for key in ctx.options["cells"]:
                    values = [(report, value(report, key)) for report in peers]
                    values = [(report, number) for report, number in values if number is not None]
                    zeros = [report for report, number in values if number == 0]
                    others = sorted(number for _, number in values if number != 0)
                    if len(zeros) != 1 or len(others) < min_peers or others[0] < minimum:
                        continue
                    report = zeros[0]
                    cell = report.cell(key)
                    table, row, column = key.split("/")
                    ctx.report(
                        report, cell.span,
                        f"“{label(ctx, report, key)}”为 0，而本次检查的同年同类机关（{len(others)} 个）都在 {shown(others[0])} 以上"
                        f"（{shown(others[0])}–{shown(others[-1])}），请核对",
                        f"'{row}/{column}' is 0 while all {len(others)} other agencies of this kind report at least "
                        f"{shown(others[0])} for {year}",
                        location=Location(table=table, row=row, column=column),
                        evidence={"cell": key, "kind": kind, "year": year, "peers": len(others),
                                  "lowest": shown(others[0]), "highest": shown(others[-1])},
                        related=[ctx.related(other, other.cell(key).span, f"同类机关 {other.agency}：{shown(number)}",
                                             f"{other.agency}: {shown(number)}")
                                 for other, number in values if number != 0][:3],
                        origin=cell.origin,
                    )
