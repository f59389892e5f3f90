"""Build claim groups from the links: one group per base sentence, plus unique content.

A sentence of another version appears in the group of every base sentence it is linked to.
Sentences with no base counterpart are matched across the other versions and grouped, or
left as a single-version group: content only that version has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from retold.match.align import Link, Params, Postings, TermIndex
from retold.model import ClaimGroup, Rendering, Sentence, Version
from retold.text.slugs import RESERVED_IDS, cap_slug, slugify
from retold.text.terms import STOPWORDS, words

_LEAD = re.compile(
    r"^(?:\d{1,3}\s*[.:、)]\s*|(?:however|moreover|furthermore|in fact|in addition|additionally|"
    r"on the other hand|for example|in summary|therefore|also|and|but|so)\s*,?\s+)",
    re.I,
)


_CLAUSE = re.compile(r"[,;:]\s|\s[—–-]\s")
_FUNCTION_WORDS = frozenset((w,) for w in STOPWORDS)
"""A token that is one function word, as the one tokeniser reads it (punctuation and case aside)."""


def label_for(text: str, limit: int = 90) -> str:
    """A short label for a claim page: its sentence without connectives, cut where a reader can
    stop (it is the page's headline, and a cut such as "…surpassed that of the United…" left a
    word hanging): at a clause break in its second half, else at a phrase's end (a content word
    before a function word), else after the last word that is neither a function word nor the
    first of a name's capitalised words.

    >>> label_for("Their advantages stem not only from a large pool of talent, strong engineering "
    ...           "capabilities and rapid iteration, but also from a culture of open research.")
    'Their advantages stem not only from a large pool of talent…'
    >>> label_for("The most noteworthy point is not whether China's AI has surpassed that of the "
    ...           "United States in model rankings, but how it builds.")
    "The most noteworthy point is not whether China's AI has surpassed…"
    """
    label = " ".join(text.split())
    label = _LEAD.sub("", label, count=1)
    label = label[:1].upper() + label[1:]
    if len(label) <= limit:
        return label.rstrip(" .:;,")
    breaks = [m.start() for m in _CLAUSE.finditer(label, 0, limit) if m.start() >= limit // 2]
    if breaks:
        return label[: breaks[-1]] + "…"
    tokens = label[: limit + 1].split(" ")  # the last is cut, or ends at the limit with more to follow
    if len(tokens) == 1:  # one long token (a URL, a script without spaces): cut it at the limit
        return label[:limit] + "…"

    def function_word(token: str) -> bool:
        return words(token) in _FUNCTION_WORDS

    def hangs(i: int) -> bool:
        """Whether a label ending at token `i` leaves it hanging: a function word, or the first
        word of a run of capitalised words (a name cut in two)."""
        return function_word(tokens[i]) or (tokens[i][:1].isupper() and tokens[i + 1][:1].isupper())

    ends = [i for i in range(len(tokens) - 1) if len(" ".join(tokens[: i + 1])) >= limit // 2 and not hangs(i)]
    phrase = [i for i in ends if function_word(tokens[i + 1])]
    end = phrase[-1] if phrase else ends[-1] if ends else len(tokens) - 2
    return " ".join(tokens[: end + 1]).rstrip(" ,;:—-") + "…"


class Slugs:
    """Readable ids from a sentence's first content words, each unique among those already issued.

    The next free suffix of every stem is remembered, so a corpus with thousands of identical
    sentences still gets its ids in linear time.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken) | RESERVED_IDS
        self._next: dict[str, int] = {}

    def new(self, text: str) -> str:
        words = [w for w in slugify(text, max_words=40).split("-") if w not in STOPWORDS]
        base = cap_slug("-".join(words[:6])) or "claim"
        slug, n = base, self._next.get(base, 2)
        while slug in self._taken:
            slug, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self._taken.add(slug)
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
    version_rank = {v.id: n for n, v in enumerate(versions)}
    members: dict[str, list[Rendering]] = {}
    anchors: dict[str, Sentence] = {}
    for r in base.sentences:
        members[r.id] = [_rendering(r, 1.0), *attached[r.id]]
        anchors[r.id] = r
        order[r.id] = (float(r.index), 0, 0)

    unlinked = [s for v in versions if v.id != base.id for s in v.sentences if not links.get(s.id)]
    after = _positions_after(versions, links, base_pos)
    placed: dict[str, str] = {}
    pool = Postings(index)
    for s in unlinked:
        partner = _best_partner(s, pool, index, params)
        pool.add(s)
        if partner is not None:
            group = placed[partner]
            placed[s.id] = group
            members[group].append(_rendering(s, *index.similarity(s.id, partner)))
            continue
        placed[s.id] = s.id
        members[s.id] = [_rendering(s, 1.0)]
        anchors[s.id] = s
        order[s.id] = (after[s.id], version_rank[s.version], s.index)

    slugs = Slugs()
    groups = []
    for anchor_id in sorted(members, key=order.__getitem__):
        anchor = anchors[anchor_id]
        version = next(v for v in versions if v.id == anchor.version)
        section = version.sections[anchor.section].title if version.sections else None
        groups.append(
            ClaimGroup(
                id=slugs.new(anchor.text),
                label=label_for(anchor.text),
                anchor=anchor.id,
                renderings=tuple(members[anchor_id]),
                section=section,
            )
        )
    return tuple(groups)


def _best_partner(s: Sentence, pool: Postings, index: TermIndex, params: Params) -> str | None:
    """The already-grouped unlinked sentence of another version that carries `s`'s claim."""
    candidates = (pool.items[j].id for j in pool.top(s.id, params.block_size, skip_version=s.version))
    scored = [(index.similarity(s.id, other)[0], other) for other in candidates]
    best = max(scored, key=lambda t: t[0], default=None)
    return best[1] if best is not None and best[0] >= params.group_min else None


def _positions_after(
    versions: Sequence[Version], links: Mapping[str, list[Link]], base_pos: Mapping[str, int]
) -> dict[str, float]:
    """For each sentence, just after the base position of the nearest earlier linked sentence of its version."""
    after: dict[str, float] = {}
    for v in versions:
        last = -0.5
        for s in v.sentences:
            after[s.id] = last
            targets = [base_pos[link.target] for link in links.get(s.id, [])]
            if targets:
                last = min(targets) + 0.5
    return after
