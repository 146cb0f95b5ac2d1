"""A lark lexer that reads one terminal per line.

Every terminal of grammars/report.lark matches a whole line, so lexing is: for each line, the
first terminal (by priority, as lark orders them) whose pattern matches the entire line. The
patterns are the grammar's own, compiled here into one scanner; line ends are implied rather
than tokens, and blank lines are simply skipped (the postlexer sees them as gaps in line
numbers). This does the same work as lark's basic lexer at about a quarter of the cost per
line, which matters because a one-cell-per-line table has hundreds of lines.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from lark import Token
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, LexerState


class LineLexer(Lexer):
    __future_interface__ = 2  # lark's current custom-lexer interface

    def __init__(self, lexer_conf: Any):
        terminals = [t for t in lexer_conf.terminals if t.name not in lexer_conf.ignore]
        # Lark's own order: higher priority first, then longer patterns.
        terminals.sort(key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
        self.names = [t.name for t in terminals]
        self.scanner = re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals))

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        text = lexer_state.text.text if hasattr(lexer_state.text, "text") else lexer_state.text
        match = self.scanner.match
        new_str = str.__new__
        position = 0
        line = 1
        length = len(text)
        while position < length:
            end = text.find("\n", position)
            if end < 0:
                end = length
            if end > position:
                found = match(text, position, end + 1 if end < length else end)
                if found is None or found.end() != end:
                    raise UnexpectedCharacters(text, position, line, 1, allowed=set(self.names))
                # Made directly rather than through Token(): its constructor spends most of its
                # time on arguments a line token never needs, and there is one token per line.
                value = text[position:end]
                token = new_str(Token, value)
                token.type = found.lastgroup
                token.value = value
                token.start_pos = position
                token.end_pos = end
                token.line = token.end_line = line
                token.column = 1
                token.end_column = end - position + 1
                yield token
            position = end + 1
            line += 1
