"""Make seed text inert in generated Markdown: it must show literally, never be interpreted.

Every character that Markdown, HTML, Jinja, MkDocs snippets or attribute lists could treat as
syntax becomes a numeric character reference, which Markdown passes through untouched and a
browser shows as the character itself. Line breaks fold to spaces.
"""

from __future__ import annotations

import re

from retold.text import stem

_SPECIAL = set("\\`*_{}[]()<>#+-.!|&~^=:;\"'$%@")
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*%?")


def escape(text: str) -> str:
    """Seed text as Markdown that renders to exactly that text."""
    text = re.sub(r"\s+", " ", text)
    return "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in text)


def escape_heading(text: str) -> str:
    """Text for a page title or navigation entry.

    Themes put titles through Jinja's `striptags`, which decodes character references, into
    `<title>` and the navigation unescaped; angle brackets become look-alikes so no decoded
    title can ever form a tag.
    """
    return escape(text.replace("<", "‹").replace(">", "›"))


def escape_title(text: str) -> str:
    """Text for a Markdown link title: quotes would end it; the rest is escaped on output."""
    return " ".join(text.replace('"', "'").replace("\\", "/").split())


def highlight(text: str, reference_terms: frozenset[str]) -> str:
    """Escaped text with the content words that the reference lacks wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        term = stem(m.group().lower())
        if term and term not in reference_terms:
            out.append(escape(text[pos : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)
