"""What every page needs: paths and anchors, version names, and small shared fragments.

All seed text goes through `retold.markup`; links are relative `.md` links, so MkDocs checks
every one of them.
"""

from __future__ import annotations

from retold.analyse import Status, has_base, status
from retold.markup import escape, escape_title
from retold.model import ClaimGroup, Corpus
from retold.text import stem

STATUS_TEXT = {
    Status.BASE: "in the base",
    Status.KEPT: "kept",
    Status.CHANGED: "changed",
    Status.ADDED: "added",
    Status.DROPPED: "dropped",
    Status.ABSENT: "not carried",
}


def claim_path(group: ClaimGroup) -> str:
    return f"claims/{group.id}.md"


def version_path(version_id: str) -> str:
    return f"versions/{version_id}.md"


def fidelity_path(version_id: str) -> str:
    return f"fidelity/{version_id}.md"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Pages:
    """Lookups shared by all pages: the groups of each sentence, version names, positions."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.groups_of: dict[str, list[ClaimGroup]] = {}
        for g in corpus.groups:
            for r in g.renderings:
                self.groups_of.setdefault(r.sentence, []).append(g)
        self.names = {v.id: v.meta.outlet or v.meta.title for v in corpus.versions}
        self.entity_names = {e.term: e.name for e in corpus.glossary.entities}
        self.anchors = {s.id: s.anchor or f"s{s.index + 1}" for v in corpus.versions for s in v.sentences}

    def anchor(self, sentence_id: str) -> str:
        """A sentence's stable anchor on its version page."""
        return self.anchors[sentence_id]

    def name(self, version_id: str) -> str:
        return escape(self.names[version_id])

    def surface(self, text: str, shared: tuple[str, ...], limit: int = 8) -> list[str]:
        """The words of `text` behind its shared matching terms (stems and entity terms)."""
        words: dict[str, str] = {}
        for token in text.replace("’", "'").split():
            word = token.strip(".,;:!?\"'()[]“”‘’—-").lower()
            words.setdefault(stem(word), word)
        out = [self.entity_names.get(t) or words.get(t) or t for t in shared[:limit]]
        return list(dict.fromkeys(out))

    def claim_item(self, g: ClaimGroup, prefix: str) -> str:
        """A list item linking a claim, with one dot per version showing its status."""
        corpus = self.corpus
        dots = " ".join(
            f'<span class="rt-dot rt-{status(g, v.id, corpus).value}" title="{escape_title(self.names[v.id])}: '
            f'{STATUS_TEXT[status(g, v.id, corpus)]}"></span>'
            for v in corpus.versions
        )
        return f"- {dots} [{escape(g.label)}]({prefix}{claim_path(g)})"


def strips(corpus: Corpus) -> list[tuple[str, list[ClaimGroup]]]:
    """Groups in reading order, cut where the base version's section changes.

    Claims found only in other versions stay beside the base claims they follow, so the
    strips follow the base version's sections.
    """
    out: list[tuple[str, list[ClaimGroup]]] = []
    for g in corpus.groups:
        title = g.section or "Opening"
        if not out or (has_base(g, corpus) and title != out[-1][0]):
            out.append((title, []))
        out[-1][1].append(g)
    return out
