from reportlint.findings import Location, Message, Severity
from reportlint.rules.cross.base import CrossContext, CrossRule, Pair, describe, example
from reportlint.rules.cross.examples import applications

_FIGURES = dict(new="12 3 0 0 1 0 16", carried="1 0 0 0 0 0 1", granted="13 3 0 0 1 0 17", total="13 3 0 0 1 0 17",
                forward="0 0 0 0 0 0 0")


class TablesUnchanged(CrossRule):
    """Finds a report whose tables repeat the agency's report on the year before figure for
    figure: at least ``min-cells`` (default 30) cells read in both, ``min-nonzero`` (default 5)
    of them not 0, and every one the same.

    **Why it matters.** Two years of an agency's work do not produce the same counts in every
    cell. The same tables twice (as 东莞市统计局 published three years running) mean last year's
    report was republished, or its tables were copied without being filled in. All zeros twice
    is left alone: an agency that received no application in either year.
    """

    code = "RL809"
    name = "tables-unchanged"
    category = "consistency"
    severity = Severity.WARNING
    preview = True
    options = {"min-cells": 30, "min-nonzero": 5}
    summary = Message("表格数字与上年报告完全相同", "Tables identical to last year's report")
    bad_example = example(("2021.txt", applications(2021, **_FIGURES)), ("2022.txt", applications(2022, **_FIGURES)))
    good_example = example(("2021.txt", applications(2021, **_FIGURES)),
                           ("2022.txt", applications(2022, **{**_FIGURES, "new": "11 3 0 0 1 0 15", "granted": "12 3 0 0 1 0 16",
                                                              "total": "12 3 0 0 1 0 16"})))

    def check_pair(self, pair: Pair, ctx: CrossContext) -> None:
        current, previous = pair.current.values(), pair.previous.values()
        common = [key for key, value in current.items() if value is not None and previous.get(key) is not None]
        if len(common) < int(ctx.options["min-cells"]):
            return
        if any(current[key] != previous[key] for key in common):
            return
        nonzero = [key for key in common if float(current[key]) != 0]
        if len(nonzero) < int(ctx.options["min-nonzero"]):
            return
        first = min(common, key=lambda key: pair.current.cell(key).span.start)
        table = first.split("/")[0]
        ctx.report(
            pair.current, pair.current.cell(first).span,
            f"表格中两份报告都读出的 {len(common)} 个数字（{len(nonzero)} 个不为 0）与上年报告 {describe(pair.previous)} 完全相同",
            f"all {len(common)} figures read in both reports ({len(nonzero)} not 0) are the same as in last year's report "
            f"{pair.previous.name}",
            location=Location(table=table),
            evidence={"cells": len(common), "nonzero": len(nonzero), "previous_path": pair.previous.path},
            related=[ctx.related(pair.previous, pair.previous.cell(first).span, "上年报告的同一表格", "the same table last year")],
        )
