"""What each version kept, changed, dropped and added, relative to the base version.

`annotate` is the analyse stage: it gives every rendering its status and fidelity flags.
The other functions derive counts from the annotated groups, so every figure on the site and
in the export agrees.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum

from retold.fidelity import REPORTING, Context, compare
from retold.model import ClaimGroup, Corpus, Rendering


class Status(StrEnum):
    """A version's relation to one claim group."""

    BASE = "base"
    KEPT = "kept"
    CHANGED = "changed"
    ADDED = "added"
    DROPPED = "dropped"
    ABSENT = "absent"


@dataclass(frozen=True)
class VersionStats:
    """Counts shown in a version's header, on the home page and on its fidelity page."""

    sentences: int
    words: int
    kept: int
    changed: int
    unique: int
    dropped: int
    base_claims: int

    @property
    def shared(self) -> int:
        return self.kept + self.changed


def _context(corpus: Corpus) -> Context:
    sentences = [s.text for v in corpus.versions for s in v.sentences]
    lower_words: Counter[str] = Counter()
    for text in sentences:
        lower_words.update(set(re.findall(r"\b[a-z][a-z'’-]+\b", text)))
    capital: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    for text in sentences:
        capital.update({w.lower() for w in re.findall(r"\b[A-Z][A-Za-z'’-]*\b", text)})
        speakers.update(m.group(1).lower() for m in re.finditer(rf"\b([A-Z][a-z]+)\s+(?:{REPORTING})\b", text))
    threshold = max(4, len(sentences) // 40)
    common = {w for w, n in capital.items() if lower_words[w] or n >= threshold}
    authors = {w for w, n in speakers.items() if n >= 3}
    return Context(corpus.glossary, frozenset(common), frozenset(authors), corpus.glossary.phrases())


def annotate(corpus: Corpus) -> Corpus:
    """The corpus with each rendering's status and flags filled in."""
    ctx = _context(corpus)
    base_texts: dict[str, list[str]] = {}
    for g in corpus.groups:
        base = [r.text for r in g.renderings if r.version == corpus.base]
        for r in g.renderings:
            if r.version != corpus.base:
                base_texts.setdefault(r.sentence, []).extend(base)
    groups = []
    for g in corpus.groups:
        anchor = next((r for r in g.renderings if r.version == corpus.base), None)
        renderings: list[Rendering] = []
        for r in g.renderings:
            if anchor is None:
                renderings.append(replace(r, status=Status.ADDED.value))
            elif r.version == corpus.base:
                renderings.append(replace(r, status=Status.BASE.value))
            else:
                flags = compare(r.text, anchor.text, " ".join(base_texts[r.sentence]), ctx)
                status = Status.CHANGED if flags else Status.KEPT
                renderings.append(replace(r, status=status.value, flags=flags))
        groups.append(replace(g, renderings=tuple(renderings)))
    return replace(corpus, groups=tuple(groups))


def has_base(group: ClaimGroup, corpus: Corpus) -> bool:
    return any(r.version == corpus.base for r in group.renderings)


def status(group: ClaimGroup, version: str, corpus: Corpus) -> Status:
    """How `version` stands to `group`: base, kept, changed, added, dropped, or absent."""
    mine = [r for r in group.renderings if r.version == version]
    if version == corpus.base:
        return Status.BASE if mine else Status.ABSENT
    if has_base(group, corpus):
        if not mine:
            return Status.DROPPED
        return Status.CHANGED if any(r.flags for r in mine) else Status.KEPT
    return Status.ADDED if mine else Status.ABSENT


def version_stats(corpus: Corpus, version: str) -> VersionStats:
    v = corpus.version(version)
    counts = Counter(status(g, version, corpus) for g in corpus.groups)
    base_claims = sum(1 for g in corpus.groups if has_base(g, corpus))
    if version == corpus.base:
        unique = sum(1 for g in corpus.groups if g.versions == (version,))
        shared = base_claims - unique
        return VersionStats(len(v.sentences), len(v.text.split()), shared, 0, unique, 0, base_claims)
    return VersionStats(
        sentences=len(v.sentences),
        words=len(v.text.split()),
        kept=counts[Status.KEPT],
        changed=counts[Status.CHANGED],
        unique=counts[Status.ADDED],
        dropped=counts[Status.DROPPED],
        base_claims=base_claims,
    )


def unique_groups(corpus: Corpus, version: str) -> list[ClaimGroup]:
    """Claims that only `version` carries."""
    return [g for g in corpus.groups if g.versions == (version,)]


def dropped_groups(corpus: Corpus, version: str) -> list[ClaimGroup]:
    """Base claims that `version` leaves out."""
    return [g for g in corpus.groups if status(g, version, corpus) is Status.DROPPED]
