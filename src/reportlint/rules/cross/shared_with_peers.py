from collections import Counter

from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import Batch, CrossContext, CrossRule, by_year, describe, example
from reportlint.rules.cross.examples import prose
from reportlint.rules.cross.summary import MIN_SENTENCE_CHARACTERS, ReportSummary, significant
from reportlint.rules.cross.text import quote, Repeat

# A sentence many reports share is counted for each of them, but only the first few holders are
# compared pairwise (to name who shares most): the work stays linear in the number of reports.
_PAIRWISE_UP_TO = 20

_OVERVIEW = ("{name}坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。"
             "{name}全年在门户网站发布政府信息，及时更新机构职能、权责清单和办事指南等基础信息。"
             "{name}严格落实信息发布审核制度，确保发布内容准确规范。")
_PROBLEMS = ("一是{name}政务公开工作人员业务水平有待提高；二是政策解读形式单一，群众关注度不高。"
             "下一步，{name}将加强业务培训，丰富解读形式，提升政务公开工作质量。")


def _report(agency: str, own: str = "") -> str:
    short = agency.removesuffix("办事处")
    return prose(2022, _OVERVIEW.format(name=short) + own, _PROBLEMS.format(name=short), agency=agency)


class SharedWithPeers(CrossRule):
    """Finds reports of one year whose prose is largely the same as another agency's report of
    that year with only the name changed: where more than ``threshold`` (default 0.5) of a
    report's sentences, once the agency's own name is taken out, are found in other agencies'
    reports. Tables and the sentences every report carries (the statistics period, where the
    report is published) do not count; the shared passages are quoted.

    **Why it matters.** A report describes one agency's year. Several 乡镇 or departments
    publishing one text with the names swapped have not reported on their own work, and the
    notices name 内容雷同 among the failings called to account. CASS found large-scale
    cross-region copying in 2017.
    """

    code = "RL806"
    name = "shared-with-peers"
    category = "hygiene"
    severity = Severity.INFO
    preview = True
    scope = "batch"
    options = {"threshold": 0.5, "min-characters": 100}
    summary = Message("与同年其他机关的报告大段相同", "Prose shared with other agencies' reports of the year")
    bad_example = example(("xiqiao.txt", _report("西桥街道办事处")), ("dongshan.txt", _report("东山街道办事处")))
    good_example = example(
        ("xiqiao.txt", _report("西桥街道办事处")),
        ("dongshan.txt", prose(2022, "东山街道围绕老旧小区改造开设专栏，逐项公开改造清单和资金使用情况。全年发布政府信息86条，其中民生类信息占六成。",
                               "一是专栏分类不够清晰，部分信息查找不便；二是依申请公开答复用语不够规范。下一步将调整专栏分类，统一答复文书。",
                               agency="东山街道办事处")))

    def check_batch(self, batch: Batch, ctx: CrossContext) -> None:
        threshold = float(ctx.options["threshold"])
        minimum = int(ctx.options["min-characters"])
        for reports in by_year(batch.reports).values():
            if len(reports) < 2:
                continue
            holders: dict[str, list[ReportSummary]] = {}
            texts: dict[int, list] = {}
            for report in reports:
                own = []
                for sentence in report.sentences:
                    text = significant(_without_names(sentence.text, batch, report))
                    if len(text) < MIN_SENTENCE_CHARACTERS:
                        continue
                    own.append((sentence, text))
                    found = holders.setdefault(text, [])
                    if not found or found[-1] is not report:
                        found.append(report)
                texts[id(report)] = own
            by_id = {id(report): report for report in reports}
            for report in reports:
                agency = batch.agency(report)
                shared: list[Repeat] = []
                shared_texts: list[str] = []
                partners: Counter = Counter()
                total = 0
                for sentence, text in texts[id(report)]:
                    total += len(text)
                    others = [other for other in holders[text][:_PAIRWISE_UP_TO] if batch.agency(other) != agency]
                    if others:
                        shared.append(Repeat(sentence, len(text), None))
                        shared_texts.append(text)
                        partners.update({id(other): len(text) for other in others})
                copied = sum(item.characters for item in shared)
                if not total or copied < minimum or copied / total <= threshold:
                    continue
                top = [by_id[key] for key, _ in partners.most_common(3)]
                quoted = "、".join(f"“{quote([item])}”" for item in shared[:3])
                ctx.report(
                    report, shared[0].sentence.span,
                    f"本报告{copied / total:.0%}的文字（{total} 字中 {copied} 字）去掉机关名称后与同年其他机关的报告相同"
                    f"（{'、'.join(describe(other) for other in top)}）：{quoted}",
                    f"{copied / total:.0%} of the report's prose ({copied} of {total} characters) is, names aside, the same "
                    f"as other agencies' reports of the year ({', '.join(other.name for other in top)})",
                    evidence={"share": round(copied / total, 3), "characters": total, "shared": copied,
                              "peers": [other.path for other in top],
                              "passages": [{"text": item.sentence.text, "line": item.sentence.span.line} for item in shared[:10]]},
                    related=[ctx.related(other, _first_shared(other, texts[id(other)], shared_texts), f"同样的文字见 {describe(other)}",
                                         f"the same text in {other.name}") for other in top],
                )


def _without_names(text: str, batch: Batch, report: ReportSummary) -> str:
    for name in sorted({report.agency or "", report.key or "", batch.agency(report) or ""}, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, "")
    return text


def _first_shared(other: ReportSummary, other_texts: list, shared_texts: list[str]):
    """Where in ``other`` the first sentence it shares with the report is."""
    wanted = set(shared_texts)
    return next((sentence.span for sentence, text in other_texts if text in wanted), other.anchor)
