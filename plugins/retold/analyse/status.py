"""What each version kept, changed, dropped and added, relative to the base version.

`annotate` is the analyse stage: it gives every rendering its status and fidelity flags.
The other functions derive counts from the annotated groups, so every figure on the site and
in the export agrees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

from retold.analyse.detectors import Context, compare
from retold.model import ClaimGroup, Corpus, Flag, FlagStrength, Rendering, Status, Unsure
from retold.text.terms import REPORTING, bare, count_words, word_spans


@dataclass(frozen=True)
class VersionStats:
    """Counts shown in a version's header, on the home page and on its fidelity page (`words`
    as the one tokeniser counts them, `retold.text.terms.count_words`)."""

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
    """Common and author names, counted over the one tokeniser's words: a capitalised word is
    common if it is also written in lower case or is frequent; a name is the author's if it
    comes before a reporting verb in at least three sentences ("Lambert says")."""
    sentences = [s.text for v in corpus.versions for s in v.sentences]
    lower_words: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    for text in sentences:
        spans = word_spans(text)
        lower_words.update({bare(w) for a, _, w, _ in spans if text[a].islower() and len(w) > 1})
        capital.update({bare(w) for a, _, w, _ in spans if text[a].isupper()})
        speakers.update(
            w
            for (a, _, w, _), (v, _, verb, _) in pairwise(spans)
            if text[a].isupper() and w.isalpha() and len(w) > 1 and text[v].islower() and _reports(verb)
        )
    threshold = max(4, len(sentences) // 40)
    common = {w for w, n in capital.items() if lower_words[w] or n >= threshold}
    authors = {w for w, n in speakers.items() if n >= 3}
    return Context(corpus.glossary, frozenset(common), frozenset(authors))


def _reports(word: str) -> bool:
    """A reporting verb after a speaker ("Lambert says"); "according" comes before its source."""
    return word in REPORTING and word != "according"


def annotate(corpus: Corpus) -> Corpus:
    """The corpus with each rendering's status and flags filled in."""
    ctx = _context(corpus)
    editorial = {s.id for s in corpus.version(corpus.base).sentences if s.front}
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
                renderings.append(replace(r, status=Status.ADDED))
            elif r.version == corpus.base:
                renderings.append(replace(r, status=Status.BASE))
            else:
                note = anchor.text if anchor.sentence in editorial else ""
                flags = compare(r.text, anchor.text, " ".join(base_texts[r.sentence]), ctx, note)
                status = Status.CHANGED if counts_as_change(flags) else Status.KEPT
                renderings.append(replace(r, status=status, flags=flags))
        groups.append(replace(g, renderings=tuple(renderings)))
    return replace(corpus, groups=tuple(groups))


def counts_as_change(flags: tuple[Flag, ...]) -> bool:
    """Whether a rendering's flags make it "changed": notes are shown, never counted."""
    return any(f.strength is FlagStrength.FLAG for f in flags)


def has_base(group: ClaimGroup, corpus: Corpus) -> bool:
    return any(r.version == corpus.base for r in group.renderings)


def _worst(known: Status | None, new: Status) -> Status:
    """One status for several renderings: changed wins over the rest, else the first one stays."""
    return new if known is None or new is Status.CHANGED else known


class StatusTable:
    """The status of every version in every claim group, worked out in one pass over the renderings.

    Pages and the export ask for statuses, counts and lists many times over; a table keeps that
    linear in the corpus (groups x versions) instead of rescanning each group's renderings.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._rows: dict[str, dict[str, Status]] = {}
        self._sentences: dict[str, Status] = {}
        for g in corpus.groups:
            # a version's renderings carry the statuses `annotate` gave them; one changed is enough
            present: dict[str, Status] = {}
            for r in g.renderings:
                present[r.version] = _worst(present.get(r.version), Status(r.status))
                self._sentences[r.sentence] = _worst(self._sentences.get(r.sentence), Status(r.status))
            gone = Status.DROPPED if corpus.base in present else Status.ABSENT
            self._rows[g.id] = {
                v.id: present.get(v.id, Status.ABSENT if v.id == corpus.base else gone) for v in corpus.versions
            }
        self._stats: dict[str, VersionStats] = {}
        self._unsure = {(u.anchor, u.version): u for u in corpus.unsure}
        self._rewords = {u.sentence: u for u in corpus.unsure_added}

    def of(self, group: ClaimGroup, version: str) -> Status:
        """How `version` stands to `group`: base, kept, changed, added, dropped, or absent."""
        return self._rows[group.id][version]

    def sentence(self, sentence_id: str) -> Status | None:
        """The status of one sentence across the groups it is in (changed in one is enough),
        or None for a sentence no claim group holds."""
        return self._sentences.get(sentence_id)

    def having(self, version: str, wanted: Status) -> list[ClaimGroup]:
        """Groups where `version` has status `wanted`, in reading order."""
        return [g for g in self.corpus.groups if self._rows[g.id][version] is wanted]

    def unsure(self, group: ClaimGroup, version: str) -> Unsure | None:
        """For a base claim `version` is said to drop, its closest sentence there when that comes
        near enough for the claim to be perhaps only reworded (`retold.match.align.Alignment`)."""
        if self._rows[group.id][version] is not Status.DROPPED:
            return None
        return self._unsure.get((group.anchor, version))

    def dropped(self, version: str, *, unsure: bool) -> list[ClaimGroup]:
        """The base claims `version` is said to drop, in reading order: those perhaps only
        reworded (`unsure`), or those with nothing close in it."""
        return [g for g in self.having(version, Status.DROPPED) if (self.unsure(g, version) is not None) is unsure]

    def rewords(self, sentence_id: str) -> Unsure | None:
        """For a sentence said to be added, its closest base sentence when that comes near enough
        for the sentence to perhaps reword it (`retold.match.align.Alignment`)."""
        return self._rewords.get(sentence_id) if self._sentences.get(sentence_id) is Status.ADDED else None

    def unique(self, version: str) -> list[ClaimGroup]:
        """Claims that only `version` carries."""
        return [g for g in self.corpus.groups if g.versions == (version,)]

    def stats(self, version: str) -> VersionStats:
        if version not in self._stats:
            self._stats[version] = self._count(version)
        return self._stats[version]

    def _count(self, version: str) -> VersionStats:
        corpus = self.corpus
        v = corpus.version(version)
        counts = Counter(self._rows[g.id][version] for g in corpus.groups)
        base_claims = sum(1 for g in corpus.groups if self._rows[g.id][corpus.base] is Status.BASE)
        words = count_words(v.text)
        if version == corpus.base:
            unique = len(self.unique(version))
            return VersionStats(len(v.sentences), words, base_claims - unique, 0, unique, 0, base_claims)
        return VersionStats(
            sentences=len(v.sentences),
            words=words,
            kept=counts[Status.KEPT],
            changed=counts[Status.CHANGED],
            unique=counts[Status.ADDED],
            dropped=counts[Status.DROPPED],
            base_claims=base_claims,
        )
