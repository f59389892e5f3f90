"""Word-level differences between a version's wording of a claim and the base wording.

Words are compared by their matching terms (`retold.text.terms.word_spans`), so a difference that
only the stemmer ("labs" / "laboratories") or the glossary ("Moonshot" / "Moonshot AI")
knows to be no difference is not shown; function words are compared as written. Pages only
render the pieces: this module decides what counts as inserted or removed, and which of a
wording's words stand for the terms it shares with the base.

API: `with_wording` (the analyse stage's step that fills `Rendering.diff`,
`Rendering.shared_words` and `Rendering.names`), `word_diff`, `shared_words`.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from retold.model import Corpus, Op, Piece
from retold.text.terms import Phrases, glossary_phrases, mentions, word_spans


def with_wording(corpus: Corpus) -> Corpus:
    """The corpus with each rendering's word-level diff against its group's base wording (none
    for the base's own renderings and for groups without one), the surface words of its
    shared terms, and the glossary entities it names (found as matching finds them)."""
    phrases = glossary_phrases(corpus.glossary)
    names = {e.term: e.name for e in corpus.glossary.entities}
    diffs: dict[tuple[str, str], tuple[Piece, ...]] = {}
    groups = []
    for g in corpus.groups:
        base = next((b for b in g.renderings if b.version == corpus.base), None)
        renderings = []
        for r in g.renderings:
            diff: tuple[Piece, ...] = ()
            if base is not None and r.version != corpus.base:
                if (r.text, base.text) not in diffs:
                    diffs[r.text, base.text] = word_diff(r.text, base.text, phrases)
                diff = diffs[r.text, base.text]
            named = tuple(dict.fromkeys(term for _, _, term in mentions(r.text, phrases)))
            renderings.append(
                replace(r, diff=diff, shared_words=shared_words(r.text, r.shared_terms, names), names=named)
            )
        groups.append(replace(g, renderings=tuple(renderings)))
    return replace(corpus, groups=tuple(groups))


def shared_words(text: str, shared: tuple[str, ...], names: dict[str, str], limit: int = 8) -> tuple[str, ...]:
    """The words of `text` behind its first `limit` shared matching terms (an entity's term
    stands for the entity's name).

    >>> shared_words("Laboratories hire students.", ("lab", "student"), {})
    ('laboratories', 'students')
    """
    words: dict[str, str] = {}
    for _, _, word, term in word_spans(text):
        words.setdefault(term, word)
    return tuple(dict.fromkeys(names.get(t) or words.get(t) or t for t in shared[:limit]))


def word_diff(here: str, base: str, phrases: Phrases | None = None) -> tuple[Piece, ...]:
    """`here` cut into pieces against `base`.

    Joined, the `same` and `ins` pieces give `here` exactly; the `del` pieces, in order, are the
    base words (with the punctuation between them) that `here` lacks, with the space that sets
    them apart from their neighbours at either end.
    """
    mine, theirs = word_spans(here, phrases), word_spans(base, phrases)
    keys = SequenceMatcher(None, [_key(w) for w in theirs], [_key(w) for w in mine], autojunk=False)
    out: list[Piece] = []
    pos = 0

    def keep(end: int, op: Op = Op.SAME) -> None:
        nonlocal pos
        if end > pos:
            if out and out[-1].op is op:
                out[-1] = Piece(op, out[-1].text + here[pos:end])
            else:
                out.append(Piece(op, here[pos:end]))
            pos = end

    for tag, i1, i2, j1, j2 in keys.get_opcodes():
        if tag == "equal":
            keep(mine[j2 - 1][1])
            continue
        if tag in ("delete", "replace"):
            keep(mine[j1][0] if j1 < len(mine) else pos)
            gone = base[theirs[i1][0] : theirs[i2 - 1][1]]
            # spaced like the words around it: "kept <del>gone</del> kept", "kept <del>gone</del>."
            before = " " if pos and not here[pos - 1].isspace() else ""
            after = " " if j1 < len(mine) else ""
            out.append(Piece(Op.DEL, before + gone + after))
        if tag in ("insert", "replace"):
            keep(mine[j1][0])
            keep(mine[j2 - 1][1], Op.INS)
    keep(len(here))
    return tuple(out)


def _key(span: tuple[int, int, str, str]) -> str:
    """What two words must share to count as the same: the term, or a function word as written."""
    _, _, word, term = span
    return term or word
