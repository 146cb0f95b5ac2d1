"""The report's outline read against the template's: headings the parser could not judge alone.

The parser decides what is a section heading from the text alone (a numbered line that moves the
count forward). Two things need the template: table 3's row label ``四、结转下年度继续办理`` taken
for section 四 when a PDF's text layer puts its figures on lines of their own — which then makes
the real ``四、政府信息公开行政复议、行政诉讼情况`` look like a step back and be read as text — and a
crawler's or converter's text where a heading is not where the parser expects it. So a "section"
whose title is a table label and not a section title goes back into the section before it, and a
paragraph that is a numbered template section title becomes a section.
"""

from __future__ import annotations

from reportlint.parsing.ast import Attachment, Block, Document, Paragraph, Section
from reportlint.parsing.numerals import HEADING_NUMERAL, heading_number
from reportlint.source import Span
from reportlint.templates import TemplateSpec

# A heading is short; a numbered paragraph longer than this is an enumerated sentence.
MAX_HEADING_LENGTH = 40
# How sure a title must be of a template section to be taken as one.
MIN_SECTION_SCORE = 0.8


def _names_a_row(template: TemplateSpec, title: str) -> bool:
    if template.section_index.find(title):
        return False
    for table in template.tables.values():
        found = table.row_index.find(title)
        if found and found[1] >= 0.9:
            return True
    return False


def _as_paragraph(section: Section, source_map) -> Paragraph:
    text = section.heading_text or f"{section.numeral}、{section.title}"
    return Paragraph(text, section.heading_span, start=section.heading_start, source_map=source_map)


def _heading_of(template: TemplateSpec, paragraph: Paragraph) -> tuple[int, str, str] | None:
    text = paragraph.text
    if len(text) > MAX_HEADING_LENGTH:
        return None
    match = HEADING_NUMERAL.match(text)
    if not match:
        return None
    title = text[match.end():].strip().strip("*#").strip()
    found = template.section_index.find(title)
    if not found or found[1] < MIN_SECTION_SCORE:
        return None
    return heading_number(text) or 0, match.group(1) or match.group(2), title


def _span(start: Span, blocks: tuple[Block, ...], source_map) -> Span:
    end = max([start.end] + [block.span.end for block in blocks])
    return source_map.original_span(start.start, end) if source_map is not None else start


def _refit(template: TemplateSpec, sections: tuple[Section, ...], lead: tuple[Block, ...], source_map
           ) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """(blocks before the first section, sections), with row-label "sections" folded back and
    section-title paragraphs raised."""
    merged: list[list] = []  # [heading Section or None, blocks]
    current: list = [None, list(lead)]
    for section in sections:
        if _names_a_row(template, section.title):
            current[1].append(_as_paragraph(section, source_map))
            current[1].extend(section.blocks)
            continue
        merged.append(current)
        current = [section, list(section.blocks)]
    merged.append(current)
    present = {found[0] for section, _ in merged if section is not None
               for found in [template.section_index.find(section.title)] if found}
    out: list[list] = []
    for section, blocks in merged:
        pending: list = [section, []]
        for block in blocks:
            heading = _heading_of(template, block) if isinstance(block, Paragraph) else None
            if heading is not None:
                key = template.section_index.find(heading[2])[0]
                if key not in present:
                    present.add(key)
                    out.append(pending)
                    number, numeral, title = heading
                    pending = [Section(number, numeral, title, block.span, (), block.span, block.text, block.start), []]
                    continue
            pending[1].append(block)
        out.append(pending)
    lead_blocks: tuple[Block, ...] = ()
    result: list[Section] = []
    for section, blocks in out:
        if section is None:
            lead_blocks += tuple(blocks)
            continue
        blocks = tuple(blocks)
        result.append(section._replace(blocks=blocks, span=_span(section.heading_span, blocks, source_map)))
    return lead_blocks, tuple(result)


def fit_outline(document: Document, template: TemplateSpec | None, source_map=None) -> Document:
    if template is None:
        return document
    preamble, sections = _refit(template, document.sections, document.preamble, source_map)
    attachments = []
    for attachment in document.attachments:
        blocks, inner = _refit(template, attachment.sections, attachment.blocks, source_map)
        attachments.append(attachment if inner == attachment.sections and blocks == attachment.blocks
                           else Attachment(attachment.label, attachment.heading_span, blocks, inner, attachment.span))
    if preamble == document.preamble and sections == document.sections and attachments == list(document.attachments):
        return document
    return document._replace(preamble=preamble, sections=sections, attachments=tuple(attachments))
