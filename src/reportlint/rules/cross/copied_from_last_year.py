from reportlint.findings import Location, Message, Severity
from reportlint.rules.cross.base import CrossContext, CrossRule, Pair, describe, example
from reportlint.rules.cross.examples import prose
from reportlint.rules.cross.text import held_by, passages, quote, repeated

_SECTION_NAMES = {"overview": ("总体情况", "overview"), "problems": ("存在的主要问题及改进情况", "problems and improvements"),
                  "proactive": ("主动公开政府信息情况", "proactive disclosure"),
                  "applications": ("收到和处理政府信息公开申请情况", "applications"),
                  "reviews": ("政府信息公开行政复议、行政诉讼情况", "reviews and suits"),
                  "other_matters": ("其他需要报告的事项", "other matters")}

_OVERVIEW_2021 = ("2021年，我办认真贯彻落实《条例》，围绕中心工作推进政务公开。全年在门户网站公开政府信息120条，"
                  "涉及财政预决算、重点项目和民生政策等内容。")
_PROBLEMS_2021 = ("一是公开内容还不够全面，部分栏目更新不够及时；二是政策解读形式比较单一，图解和视频解读偏少。"
                  "下一步，我办将加强业务培训，完善信息发布审核机制，丰富政策解读形式，提升政务公开质量。")
_OVERVIEW_2022 = ("2022年，我办以基层政务公开标准化为重点，新设惠民政策专栏，集中发布补贴申领指南。"
                  "全年公开政府信息135条，其中政策解读18篇。")


class CopiedFromLastYear(CrossRule):
    """Finds sections that repeat the agency's report on the year before: where most of the
    sentences of 总体情况 or 存在的主要问题及改进情况 (option ``sections``) are last year's, with
    only figures or punctuation changed, the repeated passages are quoted. Measured sentence by
    sentence on the prose (tables and the sentences every report carries — the statistics
    period, where the report is published — do not count); ``threshold`` is the share of the
    section's characters in repeated sentences (default 0.5, as 宿迁's assessment of department
    reports counts a repetition rate above 50%).

    **Why it matters.** Both formats forbid reports 年年雷同, and the notices name 内容雷同 among
    the failings that are called to account. A 存在的主要问题 section that repeats last year's
    word for word — often last year's promised improvements, listed again as this year's
    problems — says the problems were not worked on, or the section was not written.
    """

    code = "RL805"
    name = "copied-from-last-year"
    category = "hygiene"
    severity = Severity.WARNING
    options = {"sections": ["overview", "problems"], "threshold": 0.5, "min-characters": 60}
    summary = Message("与上年报告大段雷同", "Sections repeat last year's report")
    bad_example = example(("2021.txt", prose(2021, _OVERVIEW_2021, _PROBLEMS_2021)),
                          ("2022.txt", prose(2022, _OVERVIEW_2022, _PROBLEMS_2021)))
    good_example = example(("2021.txt", prose(2021, _OVERVIEW_2021, _PROBLEMS_2021)),
                           ("2022.txt", prose(2022, _OVERVIEW_2022,
                                              "一是依申请公开答复文书格式不够统一；二是基层政务公开专栏内容更新滞后。"
                                              "下一步，我办将制定答复文书范本，建立专栏每月更新台账。")))

    def check_pair(self, pair: Pair, ctx: CrossContext) -> None:
        threshold = float(ctx.options["threshold"])
        minimum = int(ctx.options["min-characters"])
        previous = pair.previous.sentences
        held = None
        for section in ctx.options["sections"]:
            sentences = [sentence for sentence in pair.current.sentences if sentence.section == section]
            if not sentences:
                continue
            held = held if held is not None else held_by(previous)
            found, total = repeated(sentences, previous, held)
            copied = sum(repeat.characters for repeat in found)
            if not total or copied < minimum or copied / total < threshold:
                continue
            groups = passages(found, sentences)
            zh_name, en_name = _SECTION_NAMES.get(section, (section, section))
            quoted = "、".join(f"“{quote(group)}”" for group in groups[:3])
            more = f"等 {len(groups)} 段" if len(groups) > 3 else ""
            first = groups[0]
            span = first[0].sentence.span
            span = span._replace(end=first[-1].sentence.span.end, end_line=first[-1].sentence.span.end_line,
                                 end_column=first[-1].sentence.span.end_column)
            ctx.report(
                pair.current, span,
                f"“{zh_name}”{copied / total:.0%}的文字（{total} 字中 {copied} 字）与上年报告 {describe(pair.previous)} "
                f"相同或仅改动数字：{quoted}{more}",
                f"{copied / total:.0%} of '{en_name}' ({copied} of {total} characters) repeats last year's report "
                f"{pair.previous.name}, at most with figures changed: {len(groups)} passage(s)",
                location=Location(section=section),
                evidence={"share": round(copied / total, 3), "characters": total, "repeated": copied,
                          "previous_path": pair.previous.path, "previous_year": pair.previous.year,
                          "passages": [{"text": "".join(r.sentence.text for r in group), "line": group[0].sentence.span.line,
                                        "previous_line": group[0].source.span.line if group[0].source else None}
                                       for group in groups]},
                related=[ctx.related(pair.previous, group[0].source.span, f"上年报告的相同段落：“{quote(group)}”",
                                     "the same passage in last year's report")
                         for group in groups[:3] if group[0].source is not None],
                suggestion=(f"按本年实际重写“{zh_name}”", f"rewrite '{en_name}' for this year"),
            )
