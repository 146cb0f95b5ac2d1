from reportlint.findings import Location, Message, Severity
from reportlint.rules.cross.base import CrossContext, CrossRule, Pair, describe, example
from reportlint.rules.cross.examples import figures_2021
from reportlint.rules.cross.figures import TRACKED, label, shown, value


class FigureJump(CrossRule):
    """Notes a figure that changed by an order of magnitude since the agency's report on the
    year before (option ``factor``, default 10), where the larger of the two is at least
    ``minimum`` (default 100): applications received and handled, decisions on licences,
    penalties and enforcement, fees, reviews and suits (option ``cells``).

    **Why it matters.** Not an error: an agency may take on a new licence or lose one. But a
    figure ten times last year's is where a reviewer looks first — a unit slip (元 for 万元), a
    column of the area's total where the agency's own belongs, or an extra digit.
    """

    code = "RL807"
    name = "figure-jump"
    category = "consistency"
    severity = Severity.INFO
    preview = True
    options = {"factor": 10, "minimum": 100, "cells": TRACKED}
    summary = Message("数字与上年相比变化超过一个数量级", "A figure changed tenfold since last year")
    bad_example = example(("2023.txt", figures_2021(2023, licensing=550, penalties=4119)),
                          ("2024.txt", figures_2021(2024, licensing=9487, penalties=2776)))
    good_example = example(("2023.txt", figures_2021(2023, licensing=550, penalties=4119)),
                           ("2024.txt", figures_2021(2024, licensing=948, penalties=2776)))

    def check_pair(self, pair: Pair, ctx: CrossContext) -> None:
        factor = float(ctx.options["factor"])
        minimum = float(ctx.options["minimum"])
        for key in ctx.options["cells"]:
            now, before = value(pair.current, key), value(pair.previous, key)
            if now is None or before is None or now < 0 or before < 0:
                continue
            high, low = max(now, before), min(now, before)
            if high < minimum or (low > 0 and high / low < factor):
                continue
            cell = pair.current.cell(key)
            previous_cell = pair.previous.cell(key)
            ratio = f"约 {high / low:.0f} 倍" if low else "由 0 起"
            direction = "增至" if now > before else "降至"
            table, row, column = key.split("/")
            ctx.report(
                pair.current, cell.span,
                f"“{label(ctx, pair.current, key)}”由上年的 {shown(before)} {direction} {shown(now)}（{ratio}），"
                f"请核对（上年报告 {describe(pair.previous)} 第{previous_cell.span.line}行）",
                f"'{row}/{column}' went from {shown(before)} last year to {shown(now)} "
                f"(last year's report {pair.previous.name}, line {previous_cell.span.line})",
                location=Location(table=table, row=row, column=column),
                evidence={"cell": key, "value": shown(now), "previous": shown(before), "previous_path": pair.previous.path,
                          "previous_year": pair.previous.year},
                related=[ctx.related(pair.previous, previous_cell.span, f"上年为 {shown(before)}", f"last year: {shown(before)}")],
                origin=cell.origin,
            )
