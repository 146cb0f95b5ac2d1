"""Parsing: normalised text → typed AST. Knows nothing about templates, rules or terminals."""

from reportlint.parsing.ast import (
    Attachment,
    Block,
    Cell,
    DateLine,
    Document,
    Paragraph,
    ParseIssue,
    Row,
    Section,
    Signature,
    Table,
)
from reportlint.parsing.parser import get_parser, parse_source, parse_text

__all__ = [
    "Attachment",
    "Block",
    "Cell",
    "DateLine",
    "Document",
    "Paragraph",
    "ParseIssue",
    "Row",
    "Section",
    "Signature",
    "Table",
    "get_parser",
    "parse_source",
    "parse_text",
]
