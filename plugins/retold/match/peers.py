"""Evidence from other retellings: a sentence the matcher left unlinked joins a base claim when
other versions word the same claim alike and are linked there.

Outlets retelling one announcement often work from one another or from one wire report, so two
retellings share wording that neither shares with the original. A sentence of one of them may
then score just under the bar against its base sentence while its twin in another retelling,
closer to the original's words, clears it. `corroborate` carries such a link over, and only to
a base sentence the sentence itself comes near (`Alignment.near`): the twin's link is evidence,
not the whole case.

Each other version has one vote, from its sentence closest to the unlinked one (found by term
blocking, `retold.match.align.Postings`, so the pass grows with the corpus, not its square) when
that scores `Params.peer_score` as a sentence scores against a base sentence. The base sentence
most versions vote for wins, ties going to the better own score. Only first-pass links count as
evidence, so the result does not depend on the order of the versions.

API: `corroborate`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from retold.match.align import Link, Params, Postings, TermIndex
from retold.match.meaning import embed
from retold.model import Sentence, Version


def corroborate(
    versions: Sequence[Version],
    base: Version,
    links: Mapping[str, list[Link]],
    near: Mapping[str, tuple[Link, ...]],
    index: TermIndex,
    params: Params,
) -> dict[str, list[Link]]:
    """`links` with each unlinked sentence of `near` linked where other versions' links vouch for
    one of its near base sentences. `index` covers every sentence of the versions but the base."""
    others = [v for v in versions if v.id != base.id]
    pool = Postings(index)
    for v in others:
        for s in v.sentences:
            if links.get(s.id):
                pool.add(s)
    out = dict(links)
    for v in others:
        for s in v.sentences:
            if s.id in near and not links.get(s.id):
                vouched = _vote(s, near[s.id], pool, links, index, params)
                if vouched is not None:
                    out[s.id] = [vouched]
    return out


def _vote(
    s: Sentence,
    candidates: tuple[Link, ...],
    pool: Postings,
    links: Mapping[str, list[Link]],
    index: TermIndex,
    params: Params,
) -> Link | None:
    peers = [pool.items[n] for n in pool.top(s.id, params.block_size, skip_version=s.version)]
    if not peers:
        return None
    vectors = embed([s.text, *(t.text for t in peers)])
    closest: dict[str, tuple[float, Sentence]] = {}
    for t, vector in zip(peers, vectors[1:], strict=True):
        dice, smaller = index.overlap(s.id, t.id)
        score = params.blend(dice, smaller, float(vectors[0] @ vector))
        if score >= params.peer_score and score > closest.get(t.version, (-1.0, t))[0]:
            closest[t.version] = (score, t)
    by_target = {c.target: c for c in candidates}
    votes = Counter(link.target for _, t in closest.values() for link in links[t.id] if link.target in by_target)
    if not votes:
        return None
    return by_target[max(votes, key=lambda target: (votes[target], by_target[target].score))]
