"""Every rule's documented examples behave as documented: the bad one is flagged by that rule,
the good one is not. The examples are the ones ``reportlint rule CODE`` and docs/rules show."""

from __future__ import annotations

import pytest

from conftest import rule_findings

from reportlint.engine import get_registry

RULES = sorted(get_registry().rules.values(), key=lambda rule: rule.code)


def run_rule(rule, text: str):
    return rule_findings(rule, text)


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_bad_example_is_flagged(rule):
    findings = run_rule(rule, rule.bad_example)
    assert findings, f"{rule.code} {rule.name}: the bad example is not flagged"
    for finding in findings:
        assert finding.message.zh and finding.message.en
        assert finding.category == rule.category


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_good_example_passes(rule):
    findings = run_rule(rule, rule.good_example)
    assert not findings, f"{rule.code} {rule.name}: the good example is flagged: {[f.message.zh for f in findings]}"


def test_every_category_has_rules():
    from reportlint.findings import CATEGORIES

    assert {rule.category for rule in RULES} == set(CATEGORIES)


def test_codes_and_names_are_unique():
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)
