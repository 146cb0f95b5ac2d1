from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext


class InjectedSpam(Rule):
    """Flags gambling and advertising terms that mirror and hacked sites inject into copies of
    government pages (the list is the rule's ``terms`` option).

    **Why it matters.** A copy taken from such a mirror republishes the spam under the agency's
    name; a reviewer auditing reports collected from the web needs to know the copy is tainted.
    """

    code = "RL703"
    name = "injected-spam"
    category = "hygiene"
    severity = Severity.WARNING
    preview = True
    summary = Message("文中有镜像网站注入的垃圾信息", "Spam injected by a mirror site")
    options = {
        "terms": ["博彩", "百家乐", "六合彩", "时时彩", "娱乐城", "真人视讯", "老虎机", "赌场", "澳门新葡京",
                  "威尼斯人娱乐", "棋牌游戏", "体育投注", "网赌", "代开发票", "办证刻章", "私服", "av在线"],
    }
    bad_example = example().replace("本年度主动公开信息120条。", "本年度主动公开信息120条。澳门新葡京娱乐城注册送彩金。")
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        terms = [term.lower() for term in ctx.options["terms"]]
        for paragraph in report.document.paragraphs():
            lowered = paragraph.text.lower()
            found = [term for term in terms if term in lowered]
            if found:
                ctx.report(
                    paragraph.span,
                    f"疑似注入的垃圾信息：{'、'.join(found)}",
                    f"Looks like injected spam: {', '.join(found)}",
                    evidence={"terms": found},
                )
