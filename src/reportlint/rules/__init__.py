"""Rules: the rule API and the built-in rules (one module per rule, by category).

Every built-in rule can be imported and run on its own::

    from reportlint import parse
    from reportlint.rules import RuleContext
    from reportlint.rules.dates.missing_date import MissingDate

    report = parse(text)
    context = RuleContext(MissingDate, report)
    MissingDate().check(report, context)
    context.findings
"""

from reportlint.rules.base import Rule, RuleContext, RuleDefinitionError

__all__ = ["Rule", "RuleContext", "RuleDefinitionError"]
