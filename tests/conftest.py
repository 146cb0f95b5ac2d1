from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"

SEED_FILES = {
    "chengyue": SEEDS / "000_0c8d149e9c0e9704.txt",  # 澄月街道: one cell per line
    "kaixuan": SEEDS / "001_b39e880f26e76352.txt",  # 凯旋东路: Markdown pipe tables
    "shidong": SEEDS / "002_e65976d16957de96.txt",  # 石洞: tab-separated tables in 附件2
    "zhangjiashan": SEEDS / "003_42f37f3c32caee31.txt",  # 张家山: one cell per line, NBSP
    "chaiqiao": SEEDS / "004_a83be51b8a790224.txt",  # 柴桥: one cell per line
}


@pytest.fixture(scope="session")
def seed_text():
    def read(name: str) -> str:
        return SEED_FILES[name].read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def registry():
    from reportlint.engine import get_registry

    return get_registry()


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


def rule_findings(rule, text: str) -> list:
    """The findings ``rule`` alone raises on a documented example (preview rules included). A
    cross-report rule's example is several reports (``==> name <==`` before each), checked as
    one run."""
    from reportlint.engine import Config, Linter
    from reportlint.rules.cross.base import example_reports, is_cross_rule

    config = Config(select=[rule.code], preview=rule.preview)
    if is_cross_rule(rule):
        from reportlint.engine.pairing import check_texts

        findings = [finding for result in check_texts(example_reports(text), config) for finding in result.findings]
    else:
        findings = Linter(config).lint_text(text).findings
    return [finding for finding in findings if finding.code == rule.code]
