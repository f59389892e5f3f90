"""What each version kept, dropped and added, relative to the base version.

Computed from the claim groups alone, so every count on the site and in the export agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from retold.model import ClaimGroup, Corpus


class Status(StrEnum):
    """A version's relation to one claim group."""

    BASE = "base"
    KEPT = "kept"
    ADDED = "added"
    DROPPED = "dropped"
    ABSENT = "absent"


@dataclass(frozen=True)
class VersionStats:
    """Counts shown in a version's header and on the home page."""

    sentences: int
    words: int
    shared: int
    unique: int
    dropped: int


def has_base(group: ClaimGroup, corpus: Corpus) -> bool:
    return any(r.version == corpus.base for r in group.renderings)


def status(group: ClaimGroup, version: str, corpus: Corpus) -> Status:
    """How `version` stands to `group`: the base itself, kept, added, dropped, or absent."""
    carries = version in group.versions
    if version == corpus.base:
        return Status.BASE if carries else Status.ABSENT
    if has_base(group, corpus):
        return Status.KEPT if carries else Status.DROPPED
    return Status.ADDED if carries else Status.ABSENT


def version_stats(corpus: Corpus, version: str) -> VersionStats:
    v = corpus.version(version)
    counts = {s: 0 for s in Status}
    for g in corpus.groups:
        counts[status(g, version, corpus)] += 1
    shared = (
        counts[Status.KEPT]
        if version != corpus.base
        else sum(1 for g in corpus.groups if has_base(g, corpus) and len(g.versions) > 1)
    )
    unique = (
        counts[Status.ADDED]
        if version != corpus.base
        else sum(1 for g in corpus.groups if g.versions == (version,))
    )
    return VersionStats(
        sentences=len(v.sentences),
        words=len(v.text.split()),
        shared=shared,
        unique=unique,
        dropped=counts[Status.DROPPED],
    )


def unique_groups(corpus: Corpus, version: str) -> list[ClaimGroup]:
    """Claims that only `version` carries."""
    return [g for g in corpus.groups if g.versions == (version,)]


def dropped_groups(corpus: Corpus, version: str) -> list[ClaimGroup]:
    """Base claims that `version` leaves out."""
    return [g for g in corpus.groups if status(g, version, corpus) is Status.DROPPED]
