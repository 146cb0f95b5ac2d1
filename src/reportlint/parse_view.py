"""``reportlint parse``: the tree and the bound tables, drawn with rich for rule authors."""

from __future__ import annotations

from reportlint.binding import BoundReport
from reportlint.parsing import DateLine, Paragraph, Table


def _block_label(block) -> str:
    if isinstance(block, Paragraph):
        text = block.text if len(block.text) <= 40 else block.text[:40] + "…"
        return f"[dim]{block.span.line}[/] paragraph {text}"
    if isinstance(block, DateLine):
        return f"[dim]{block.span.line}[/] date {block.text} → {block.date}"
    if isinstance(block, Table):
        return f"[dim]{block.span.line}[/] table ({block.layout}, {len(block.rows)} rows)"
    return repr(block)


def _identity_line(identity: dict) -> str:
    def where(span) -> str:
        return f"line {span['line']}" if span else "not read"

    if not identity["paired_as"]:
        missing = "agency" if not identity["key"] else "year"
        return f"[yellow]identity[/] {missing} not read: not compared with other reports"
    return (f"[bold]identity[/] {identity['agency']} ({where(identity['agency_span'])}) · year {identity['year']} "
            f"({where(identity['year_span'])}) · paired as {identity['paired_as']} · kinds {', '.join(identity['kinds']) or '?'}")


def render_report(report: BoundReport, identity: dict | None = None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable
    from rich.tree import Tree

    console = Console(highlight=False)
    document = report.document
    header = f"[bold]{escape(document.title.text) if document.title else '(no title)'}[/]"
    meta = f"template {report.template.id if report.template else '-'} · year {report.year} · legacy {report.legacy}"
    tree = Tree(f"{header}  [dim]{meta}[/]")
    if identity is not None:
        tree.add(_identity_line({**identity, "agency": escape(identity["agency"] or "")}))
    if document.preamble:
        preamble = tree.add("preamble")
        for block in document.preamble:
            preamble.add(escape(_block_label(block)))
    matches = {id(match.section): match for match in report.sections}
    for attachment, section in document.all_sections():
        parent = tree
        if attachment is not None:
            parent = next((node for node in tree.children if str(node.label).endswith(escape(attachment.label))), None) or tree.add(
                f"[magenta]attachment[/] {escape(attachment.label)}")
        match = matches.get(id(section))
        key = match.spec.key if match and match.spec else "?"
        node = parent.add(f"[bold cyan]{section.numeral}、{escape(section.title)}[/] [dim]→ {key}[/]")
        for block in section.blocks:
            node.add(_block_label(block))
    for issue in document.issues:
        tree.add(f"[red]parse issue[/] line {issue.span.line}: {escape(issue.message)}")
    console.print(tree)
    for instances in report.tables.values():
        for table in instances:
            grid = RichTable(title=f"{table.key} ({table.container})", title_justify="left", show_edge=False)
            for column in ("row", "column", "raw", "value", "line"):
                grid.add_column(column)
            for cell in table.cells.values():
                grid.add_row(cell.row, cell.column, escape(cell.value.raw), str(cell.value.as_json_number()), str(cell.span.line))
            console.print(grid)
            for misfit in table.misfits:
                console.print(f"  [yellow]misfit[/] {misfit.kind} line {misfit.span.line}: {escape(str(misfit.detail))}")
