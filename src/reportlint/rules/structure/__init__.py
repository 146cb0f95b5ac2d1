"""Structure rules: the sections, tables, rows and columns the template prescribes."""

from __future__ import annotations

from reportlint.binding import BoundReport, SectionMatch


def structural_sections(report: BoundReport) -> list[SectionMatch]:
    """The sections that carry the report's structure: the body's, or, when the body has no
    numbered sections, those of the first attachment that has some."""
    body = report.body_sections()
    if body:
        return body
    for attachment in report.document.attachments:
        found = [match for match in report.sections if match.attachment is attachment]
        if found:
            return found
    return []
