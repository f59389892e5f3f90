"""Readable ids: the one way a text becomes a slug, and what makes an id usable.

Version ids (from a seed's file name) and claim ids (from a sentence's first content words)
are slugs; both become URLs and file names, and claims.lock keeps them stable across builds.
A slug's words are ASCII letters and digits after folding accents away ("Zürich" -> "zurich"),
not the tokeniser's words (`retold.text.terms`): an id must stay what it was whatever the
tokeniser learns, and must be safe in any URL.

- `slugify`, `cap_slug`: make a slug, and keep it short enough for a file name.
- `ID_PATTERN`, `MAX_ID`, `RESERVED_IDS`: what an id given by hand, or read back from the
  lock, must be.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_ID = 64
"""Longest id or slug: ids become file names, which file systems cap at 255 bytes."""
RESERVED_IDS = frozenset({"index"})
"""Ids that would name a generated index page (versions/index.md, claims/index.md, ...)."""
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
_SLUG_WORD = re.compile(r"[a-z0-9]+")


def slugify(text: str, *, max_words: int = 8) -> str:
    """A readable ASCII slug: stable across rebuilds, safe in URLs and file names.

    >>> slugify("José's Zürich café, 2024 (draft)")
    'jose-s-zurich-cafe-2024-draft'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(_SLUG_WORD.findall(ascii_text.lower())[:max_words])


def cap_slug(slug: str, limit: int = MAX_ID) -> str:
    """`slug`, or when longer than `limit`, its start and a short hash of the whole: still
    unique, and short enough for a file name.

    >>> cap_slug("a-rather-long-slug", limit=16)
    'a-rathe-b3141779'
    """
    if len(slug) <= limit:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:8]
    return f"{slug[: limit - 9].rstrip('-')}-{digest}"
