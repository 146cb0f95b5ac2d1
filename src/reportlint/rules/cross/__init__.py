"""Cross-report rules: a report beside the same agency's report on the year before, and the
reports of one year beside each other. See docs/cross-report.md and :mod:`.base`."""

from reportlint.rules.cross.base import Batch, CrossContext, CrossRule, Pair, example, example_reports
from reportlint.rules.cross.summary import CellFact, ReportSummary, Sentence, summarise

__all__ = ["Batch", "CellFact", "CrossContext", "CrossRule", "Pair", "ReportSummary", "Sentence", "example",
           "example_reports", "summarise"]
