"""Real sentences from published reports (tests/fixtures/sentences/sentences.yaml, each with its
source and a verdict reached by doing the arithmetic by hand) put to the prose rules: the
correct ones must not be flagged, the defective ones must be — except the few listed below
with the reason no rule can see them yet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportlint.engine import Config, Linter

SENTENCES = yaml.safe_load((Path(__file__).parent / "fixtures" / "sentences" / "sentences.yaml").read_text(encoding="utf-8"))

# Real defects that no rule reads yet, and why (so that a rule that learns to is noticed: the
# test fails when one of these starts being flagged).
KNOWN_MISSES = {
    "double-wenwu-2017": "the 12 outcomes are listed in other sentences, with no 其中 tying them to the 9 answered",
    "pct-bjwh-2009": "a share of 主动公开 categories whose total stands in another sentence; RL505 checks application shares",
    "fact-yangling-sjj-2022": "two channels credited with 20 and 16 items in different paragraphs: no table cell to compare",
}

RULES_BY_FAMILY = {
    "sum": {"RL207"}, "list": {"RL207"}, "double": {"RL207"}, "pct": {"RL505"}, "fee": {"RL503"},
    "date": {"RL301", "RL302", "RL303", "RL304"}, "fact": {"RL501"},
}


def applications(table: dict) -> str:
    """A table 3 holding the entry's figures in its total column (the rest zero)."""
    new = table.get("new", 0)
    carried = table.get("carried_over", 0)
    handled = table.get("handled", new + carried - table.get("carried_forward", 0))
    forward = table.get("carried_forward", new + carried - handled)
    rows = [("一、本年新收政府信息公开申请数量", new), ("二、上年结转政府信息公开申请数量", carried),
            ("（一）予以公开", handled), ("（七）总计", handled), ("四、结转下年度继续办理", forward)]
    lines = ["三、收到和处理政府信息公开申请情况", "",
             "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
             "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {label} | {value} | 0 | 0 | 0 | 0 | 0 | {value} |" for label, value in rows]
    return "\n".join(lines) + "\n\n"


def proactive(table: dict) -> str:
    normative = table.get("行政规范性文件", {})
    return ("二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n"
            f"| 行政规范性文件 | {normative.get('本年制发', 0)} | {normative.get('本年废止', 0)} | {normative.get('现行有效', 0)} |\n\n")


def report_for(entry: dict) -> str:
    """A small report holding the sentence where its family is read: prose in 一, a fee line in 六,
    a date line at the end; the entry's table figures in tables 2 and 3."""
    year = entry.get("year") or 2022
    text = entry["text"].strip()
    parts = [f"某某局{year}年政府信息公开工作年度报告\n\n"]
    family = entry["family"]
    if family == "date" and "发布时间" in (entry.get("context") or ""):
        parts.append(entry["context"].split(" / ")[-1] + "\n\n")  # the page's own publication line
    parts.append("一、总体情况\n\n")
    table = entry.get("table") if isinstance(entry.get("table"), dict) else {}
    if family in ("sum", "list", "double", "fact", "pct"):
        parts.append(text + "\n\n")
    if family == "date" and "统计" not in text and "截止" not in text:
        parts.append(f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n")
    if any(key in table for key in ("new", "handled")):
        parts.append(applications(table))
    if "行政规范性文件" in table:
        parts.append(proactive(table))
    parts.append("六、其他需要报告的事项\n\n")
    if family == "fee":
        parts.append(text.removeprefix("六、其他需要报告的事项").strip() + "\n")
    else:
        parts.append("无。\n\n")
    if family == "date":
        parts.append(text + "\n")
    return "".join(parts)


def flagged(entry: dict) -> list:
    linter = Linter(Config(select=sorted(RULES_BY_FAMILY[entry["family"]]), preview=True))
    return linter.lint_text(report_for(entry)).findings


def test_the_set_is_large_and_balanced():
    assert len(SENTENCES) >= 60
    assert sum(1 for entry in SENTENCES if not entry["flag"]) >= len(SENTENCES) / 2
    assert all(entry.get("source") and entry.get("why") for entry in SENTENCES)


@pytest.mark.parametrize("entry", SENTENCES, ids=[entry["id"] for entry in SENTENCES])
def test_verdict(entry):
    findings = flagged(entry)
    if entry["id"] in KNOWN_MISSES:
        assert not findings, f"{entry['id']} is now flagged: take it off KNOWN_MISSES"
        return
    if entry["flag"]:
        assert findings, f"a real defect not flagged: {entry['why']}"
    else:
        assert not findings, f"a false alarm: {[f.message.zh for f in findings]} — {entry['why']}"
