"""Build claim groups from the links: one group per base sentence, plus unique content.

A sentence of another version appears in the group of every base sentence it is linked to.
Sentences with no base counterpart are matched across the other versions and grouped, or
left as a single-version group: content only that version has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from retold.align import Link, Params, TermIndex
from retold.model import ClaimGroup, Rendering, Sentence, Version
from retold.seeds import slugify
from retold.text import STOPWORDS

_LEAD = re.compile(
    r"^(?:\d{1,3}\s*[.:、)]\s*|(?:however|moreover|furthermore|in fact|in addition|additionally|"
    r"on the other hand|for example|in summary|therefore|also|and|but|so)\s*,?\s+)",
    re.I,
)


def label_for(text: str, limit: int = 90) -> str:
    """A short label for a claim page: its sentence without connectives, cut at a word."""
    label = " ".join(text.split())
    label = _LEAD.sub("", label, count=1)
    label = label[:1].upper() + label[1:]
    if len(label) <= limit:
        return label.rstrip(" .:;,")
    cut = label[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—-") + "…"


def slug_for(text: str, taken: set[str]) -> str:
    """A readable id from a sentence's first content words, unique among `taken` (which it extends)."""
    words = [w for w in slugify(text, max_words=40).split("-") if w not in STOPWORDS]
    base = "-".join(words[:6]) or "claim"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _rendering(s: Sentence, score: float, shared: tuple[str, ...] = ()) -> Rendering:
    return Rendering(s.version, s.id, s.start, s.end, s.text, round(score, 3), shared)


def build_groups(
    versions: Sequence[Version],
    base: Version,
    links: Mapping[str, list[Link]],
    index: TermIndex,
    params: Params,
) -> tuple[ClaimGroup, ...]:
    """Claim groups in the base version's reading order, unique content after its neighbours."""
    attached: dict[str, list[Rendering]] = {r.id: [] for r in base.sentences}
    for v in versions:
        if v.id == base.id:
            continue
        for s in v.sentences:
            for link in links.get(s.id, []):
                attached[link.target].append(_rendering(s, link.score, link.shared))

    # where each group sits in base reading order; unique sentences follow their last linked neighbour
    order: dict[str, tuple[float, int, int]] = {}
    base_pos = {r.id: r.index for r in base.sentences}
    members: dict[str, list[Rendering]] = {}
    anchors: dict[str, Sentence] = {}
    for r in base.sentences:
        members[r.id] = [_rendering(r, 1.0), *attached[r.id]]
        anchors[r.id] = r
        order[r.id] = (float(r.index), 0, 0)

    unlinked = [s for v in versions if v.id != base.id for s in v.sentences if not links.get(s.id)]
    placed: dict[str, str] = {}
    for s in unlinked:
        partner = _best_partner(s, unlinked, placed, index, params)
        if partner is not None:
            group = placed[partner]
            placed[s.id] = group
            members[group].append(_rendering(s, *index.similarity(s.id, partner, params.fuzzy_weight)))
            continue
        placed[s.id] = s.id
        members[s.id] = [_rendering(s, 1.0)]
        anchors[s.id] = s
        order[s.id] = (
            _position_after(s, versions, links, base_pos),
            versions.index(next(v for v in versions if v.id == s.version)),
            s.index,
        )

    taken: set[str] = set()
    groups = []
    for anchor_id in sorted(members, key=order.__getitem__):
        anchor = anchors[anchor_id]
        version = next(v for v in versions if v.id == anchor.version)
        section = version.sections[anchor.section].title if version.sections else None
        groups.append(
            ClaimGroup(
                id=slug_for(anchor.text, taken),
                label=label_for(anchor.text),
                anchor=anchor.id,
                renderings=tuple(members[anchor_id]),
                section=section,
            )
        )
    return tuple(groups)


def _best_partner(
    s: Sentence, pool: Sequence[Sentence], placed: Mapping[str, str], index: TermIndex, params: Params
) -> str | None:
    """The already-grouped unlinked sentence of another version that carries `s`'s claim."""
    best, best_score = None, params.link_min + 0.1
    for other in pool:
        if other.version == s.version or other.id not in placed:
            continue
        score = index.similarity(s.id, other.id, params.fuzzy_weight)[0]
        if score >= best_score:
            best, best_score = other.id, score
    return best


def _position_after(
    s: Sentence, versions: Sequence[Version], links: Mapping[str, list[Link]], base_pos: Mapping[str, int]
) -> float:
    version = next(v for v in versions if v.id == s.version)
    for prev in reversed(version.sentences[: s.index]):
        targets = [base_pos[link.target] for link in links.get(prev.id, [])]
        if targets:
            return min(targets) + 0.5
    return -0.5
