"""Measuring repeated text sentence by sentence: which sentences of a report another report
already holds, however its punctuation, figures and sentence breaks changed."""

from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence

from reportlint.rules.cross.summary import Sentence, significant

# Runs of this many significant characters are compared: long enough that two reports share one
# only by copying (or by quoting the same document), short enough to survive edits around it.
SHINGLE = 8
# A sentence counts as repeated when this share of its characters lies in runs the other text holds.
SENTENCE_COVERAGE = 0.8


class Repeat(NamedTuple):
    sentence: Sentence
    characters: int  # significant characters of the sentence
    source: Sentence | None  # the other report's sentence it repeats most, where known


def _grams(text: str) -> Iterable[str]:
    return (text[index : index + SHINGLE] for index in range(len(text) - SHINGLE + 1))


def held_by(others: Sequence[Sentence]) -> dict[str, int]:
    """The runs of characters ``others`` hold, each with the index of the first sentence holding it."""
    held: dict[str, int] = {}
    for index, other in enumerate(others):
        for gram in _grams(significant(other.text)):
            held.setdefault(gram, index)
    return held


def repeated(sentences: Sequence[Sentence], others: Sequence[Sentence],
             held: dict[str, int] | None = None) -> tuple[list[Repeat], int]:
    """The sentences of ``sentences`` that ``others`` already hold (each with the sentence of
    ``others`` it shares most with), and the significant characters of all of ``sentences``.
    ``held``: :func:`held_by` of ``others``, when it is already made."""
    held = held_by(others) if held is None else held
    found: list[Repeat] = []
    total = 0
    for sentence in sentences:
        text = significant(sentence.text)
        total += len(text)
        if len(text) < SHINGLE:
            continue
        covered = reached = 0  # characters in held runs; where the last held run ends
        sources: dict[int, int] = {}
        for start, gram in enumerate(_grams(text)):
            source = held.get(gram)
            if source is not None:
                covered += start + SHINGLE - max(start, reached)
                reached = start + SHINGLE
                sources[source] = sources.get(source, 0) + 1
        if covered >= SENTENCE_COVERAGE * len(text):
            best = max(sources, key=sources.__getitem__)
            found.append(Repeat(sentence, len(text), others[best]))
    return found, total


def passages(repeats: Sequence[Repeat], all_sentences: Sequence[Sentence]) -> list[list[Repeat]]:
    """Repeated sentences that follow one another in the report, grouped into passages."""
    position = {id(sentence): index for index, sentence in enumerate(all_sentences)}
    groups: list[list[Repeat]] = []
    last = None
    for repeat in sorted(repeats, key=lambda item: position[id(item.sentence)]):
        index = position[id(repeat.sentence)]
        if groups and last is not None and index == last + 1:
            groups[-1].append(repeat)
        else:
            groups.append([repeat])
        last = index
    return groups


def quote(group: Sequence[Repeat], length: int = 36) -> str:
    """A passage as a message quotes it: its start, and where it is longer, its end."""
    text = "".join(repeat.sentence.text for repeat in group)
    return text if len(text) <= length else text[: length - 1] + "…"
