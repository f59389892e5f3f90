"""Cut a seed's text into blocks (headings, paragraphs, items, boilerplate) and sections.

Everything is recognised by its form, never by matching a particular file's strings:
boilerplate is a bare URL, a byline, a "first appeared on" credit, a comment marker, a
"Title - Site" link card or a related-news list; front matter is an editor's note or the
preamble before a "The following is the original text:" marker. Offsets are exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.model import Block, BlockKind, Section

_TERMINAL = ".!?。！？…"
_CLOSERS = "\"'”’)]»」』"
_WORD = re.compile(r"\S+")

_MD_HEADING = re.compile(r"#{1,6}\s*\S")
_BARE_URL = re.compile(r"(?:<?https?://|www\.)\S+>?", re.I)
_CREDIT = re.compile(r"\b(?:first|originally)\s+(?:appeared|published|posted)\s+(?:on|in|at)\b", re.I)
_BYLINE = re.compile(
    r"(?:.{0,40},\s*)?(?:posted|written|reported|edited|translated)\s+by\s+\S+.{0,40}|by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}",
    re.I,
)
_COMMENTS = re.compile(
    r"(?:all\s+|\d+\s+|show\s+|view\s+|leave\s+an?\s+|load\s+more\s+)?(?:comments?|replies|reply)(?:\s*\(\d+\))?\s*:?",
    re.I,
)
_RELATED = re.compile(
    r"(?:related(?:\s+(?:news|articles?|posts?|stories|reading))?|read\s+more|see\s+also|"
    r"further\s+reading|recommended(?:\s+reading)?|more\s+(?:from|on)\b.{0,30}|you\s+may\s+also\s+like)\s*:?",
    re.I,
)
_LINK_CARD = re.compile(r".{8,}\s[-–—|]\s+(?:by\s+)?[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3}")
_BRACKETED = re.compile(r"[(（\[【].{10,}[)）\]】]")
_FRONT_START = re.compile(r"(?:editor|translator)['’]?s?['’]?\s+note\b|note\s+from\s+the\s+(?:editor|translator)", re.I)
_FRONT_END = re.compile(
    r"(?:the\s+following\s+is|below\s+is|what\s+follows\s+is|here\s+is)\b.{0,60}"
    r"\b(?:original|full|text|article|translation|essay|post)\b.{0,30}",
    re.I,
)
_ENUMERATED = re.compile(
    r"(?:\d{1,2}\s*[.:、)）]|[(（]\d{1,2}[)）]|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|finally|lastly),)\s*\S",
    re.I,
)
_MAX_HEADING_WORDS = 20


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*"  # the place, in capitals: PARIS, SAN FRANCISCO
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"  # its country or state: , Denmark
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # the date: , May 7
    r"(?:\s*\([^()]{1,40}\))?"  # the agency: (Reuters)
    r"\s*[-–—]+\s+"
)


def without_dateline(sentence: str) -> str:
    """A sentence without the news dateline it starts with ("PARIS, May 7 (Reuters) - "): page
    matter that says where an outlet filed from, not part of the claim, so its place and agency
    are no names the sentence adds.

    >>> without_dateline("PARIS, May 7 (Reuters) - The Commission said it would act.")
    'The Commission said it would act.'
    >>> without_dateline("HORSENS, Denmark — The Commission is probing two app stores.")
    'The Commission is probing two app stores.'
    >>> without_dateline("AI - the new frontier - is here."), without_dateline("The EU - not Paris - acts.")
    ('AI - the new frontier - is here.', 'The EU - not Paris - acts.')
    """
    found = _DATELINE.match(sentence)
    return sentence[found.end() :] if found else sentence


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with exact offsets, trimmed of surrounding white space."""
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = pos + (len(body) - len(body.lstrip()))
            out.append(_Line(start, start + len(stripped), stripped))
        pos += len(raw)
    return out


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS + " ")[-1:] in _TERMINAL or text[-1:] in _TERMINAL


def is_question(sentence: str) -> bool:
    """Whether a sentence asks: its last mark, past closing quotes and brackets, is a question mark.

    >>> is_question("Are the developers beginners?"), is_question('He asked: "Why now?"'), is_question("It is.")
    (True, True, False)
    """
    return sentence.rstrip(_CLOSERS + " ").endswith(("?", "？"))


def _ends_open(text: str) -> bool:
    """A line that stops mid-sentence: after a comma, an opening quote, a dash or a hyphen."""
    return bool(re.search(r"(?:[,;:\-–—(]|\s['\"“‘])$", text))


def _is_boilerplate(text: str) -> bool:
    words = len(_WORD.findall(text))
    if _BARE_URL.fullmatch(text) or _COMMENTS.fullmatch(text) or _CREDIT.search(text):
        return True
    if words <= 12 and _BYLINE.fullmatch(text):
        return True
    if words <= 25 and not _ends_sentence(text) and _LINK_CARD.fullmatch(text):
        return True
    return words <= 40 and bool(_BRACKETED.fullmatch(text))


def _is_heading(text: str, first: bool) -> bool:
    if _MD_HEADING.match(text):
        return True
    words = len(_WORD.findall(text))
    if first and words <= 30 and not text.endswith("."):
        return True
    return (
        words <= _MAX_HEADING_WORDS
        and not _ends_sentence(text)
        and not _ends_open(text)
        and (text[0].isupper() or not text[0].isalpha())
    )


def _kind(line: _Line, first: bool) -> BlockKind:
    if _is_boilerplate(line.text):
        return BlockKind.BOILERPLATE
    if _ENUMERATED.match(line.text) and _ends_sentence(line.text):
        return BlockKind.ITEM
    if _is_heading(line.text, first):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _merge_broken(text: str, lines: list[_Line], kinds: list[BlockKind]) -> list[tuple[int, int, BlockKind]]:
    r"""Join a prose line that stops mid-sentence with the prose line that continues it.

    Across a blank line the continuation must show itself: the first line stops open (a comma, a
    dash, an opening quote) or the next begins in lower case. Otherwise a caption, a dateline
    ("published on: 08.10.2025") or a formula that ends without a full stop would swallow the
    paragraph after it, and their words would be matched as part of its first claim. After a line
    that ends with a colon, the lines apart that follow without a full stop are a list whose
    bullets were lost ("strengths include:" then "has native multilingual capacities", "strong
    reasoning"): each stays a claim of its own, lower case or not.

    >>> text = "published on: 08.10.2025\n\nThe office opened a case.\nIt was wrapped\nhere."
    >>> blocks = _merge_broken(text, _lines(text), [BlockKind.PARAGRAPH] * 4)
    >>> [text[a:b].replace("\n", " / ") for a, b, _ in blocks]
    ['published on: 08.10.2025', 'The office opened a case.', 'It was wrapped / here.']
    >>> text = "It offers:\n\nnative multilingual skills\n\nstrong reasoning\n\nIt is out."
    >>> [text[a:b] for a, b, _ in _merge_broken(text, _lines(text), [BlockKind.PARAGRAPH] * 4)]
    ['It offers:', 'native multilingual skills', 'strong reasoning', 'It is out.']
    """
    merged: list[tuple[int, int, BlockKind]] = []
    prev: _Line | None = None
    listing = False  # after a line that ends with a colon, until a line ends a sentence
    for line, kind in zip(lines, kinds, strict=True):
        apart = text.count("\n", prev.end, line.start) >= 2 if prev is not None else True
        if (
            prev is not None
            and kind is BlockKind.PARAGRAPH
            and merged[-1][2] in (BlockKind.PARAGRAPH, BlockKind.ITEM)
            and not _ends_sentence(prev.text)
            and not prev.text.endswith((":", "："))
            and not (listing and apart)
            and (not apart or _ends_open(prev.text) or line.text[:1].islower())
        ):
            start, _, prev_kind = merged[-1]
            merged[-1] = (start, line.end, prev_kind)
        else:
            merged.append((line.start, line.end, kind))
        listing = line.text.endswith((":", "：")) or (listing and not _ends_sentence(line.text))
        prev = line
    return merged


def parse_blocks(text: str) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """Blocks of a seed in reading order, each assigned to a section."""
    lines = _lines(text)
    kinds = [_kind(line, i == 0) for i, line in enumerate(lines)]
    # a related-news heading turns the short lines after it into boilerplate
    in_related = False
    for i, line in enumerate(lines):
        if _RELATED.fullmatch(line.text):
            kinds[i] = BlockKind.BOILERPLATE
            in_related = True
        elif in_related and len(_WORD.findall(line.text)) <= 30:
            kinds[i] = BlockKind.BOILERPLATE
        else:
            in_related = False
    # a paragraph that does not end a sentence is not a heading when prose continues it
    for i, line in enumerate(lines[:-1]):
        if kinds[i] is BlockKind.HEADING and _ends_open(line.text):
            kinds[i] = BlockKind.PARAGRAPH
    marker = _front_marker(lines)
    if marker is not None:
        kinds[marker] = BlockKind.BOILERPLATE
    merged = _merge_broken(text, lines, kinds)
    if marker is not None:
        n_front = sum(1 for start, _, _ in merged if start < lines[marker].start)
    else:
        n_front = 1 if lines and _FRONT_START.match(lines[0].text) else 0

    blocks: list[Block] = []
    sections: list[Section] = []
    for index, (start, end, kind) in enumerate(merged):
        body = text[start:end]
        front = index < n_front
        if front:
            if not sections:
                lead = _FRONT_START.match(body)
                title = _heading_title(body[: lead.end()]) if lead else "Front matter"
                sections.append(Section(0, title[:1].upper() + title[1:], front=True))
        elif kind is BlockKind.HEADING:
            sections.append(Section(len(sections), _heading_title(body)))
        elif not sections or sections[-1].front:
            sections.append(Section(len(sections), None))
        blocks.append(Block(index, kind, start, end, sections[-1].index, front))
    return tuple(blocks), tuple(sections)


def _heading_title(text: str) -> str:
    return re.sub(r"^#+\s*", "", text).strip()


def _front_marker(lines: list[_Line]) -> int | None:
    """The line that ends a preamble ("The following is the original text:"), if any.

    Everything before it is front matter; without one, an editor's note covers just its own
    first paragraph (see `parse_blocks`).
    """
    for i, line in enumerate(lines[: max(1, len(lines) // 2)]):
        if i and len(_WORD.findall(line.text)) <= 14 and _FRONT_END.fullmatch(line.text.rstrip(" :：")):
            return i
    return None
