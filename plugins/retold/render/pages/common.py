"""What every page needs: paths and anchors, version names, and small shared fragments.

All seed text goes through `retold.render.markup`; links are relative `.md` links, so MkDocs checks
every one of them.
"""

from __future__ import annotations

from urllib.parse import quote

from retold.analyse.status import StatusTable, has_base
from retold.model import ClaimGroup, Corpus, Flag, FlagStrength, Rendering, Status
from retold.render.markup import diff_markup, escape

STATUS_TEXT = {
    Status.BASE: "in the base",
    Status.KEPT: "kept",
    Status.CHANGED: "changed",
    Status.ADDED: "added",
    Status.DROPPED: "dropped",
    Status.ABSENT: "not carried",
}


_URL_SAFE = "/:?#@!$&*+,;=%~-._"
"""Characters a link target keeps; all others (among them `(`, `)`, quotes, brackets, spaces)
are percent-encoded, so a URL can never end its Markdown link early."""


def link(label: str, target: str, *, title: str | None = None, attrs: str = "") -> str:
    """A Markdown link that no seed text can break, so every link the site makes is built here.

    `label` is Markdown whose seed text went through `escape`; `title` is plain text and is
    escaped here, so a quote, bracket or backslash in it is a character reference that ends
    nothing; `target` (a generated path or a source URL) is percent-encoded."""
    tip = f' "{escape(title)}"' if title is not None else ""
    return f"[{label}]({quote(target, safe=_URL_SAFE)}{tip}){attrs}"


def match_words(score: float) -> str:
    """A link's score in words a reader can use; the figure itself goes in a tooltip."""
    return "close match" if score >= 0.45 else "fair match" if score >= 0.25 else "loose match"


def claim_path(group: ClaimGroup) -> str:
    return f"claims/{group.id}.md"


def version_path(version_id: str) -> str:
    return f"versions/{version_id}.md"


def compare_path(version_id: str) -> str:
    return f"compare/{version_id}.md"


def fidelity_path(version_id: str) -> str:
    return f"fidelity/{version_id}.md"


# Overviews show this many versions one by one; a larger corpus is summarised there instead, so
# every page's size grows with the corpus, not with its square.
AT_A_GLANCE = 24


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Pages:
    """Lookups shared by all pages: the groups of each sentence, version names, positions."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.table = StatusTable(corpus)
        self.renderings_of: dict[str, list[tuple[ClaimGroup, Rendering]]] = {v.id: [] for v in corpus.versions}
        self.groups_of: dict[str, list[ClaimGroup]] = {}
        for g in corpus.groups:
            for r in g.renderings:
                self.renderings_of[r.version].append((g, r))
                self.groups_of.setdefault(r.sentence, []).append(g)
        self._flags: dict[str, list[tuple[ClaimGroup, Flag]]] = {}
        self.names = {v.id: v.meta.name for v in corpus.versions}
        self.anchors = {s.id: s.anchor or f"s{s.index + 1}" for v in corpus.versions for s in v.sentences}
        self.strips = strips(corpus)
        self.strip_of = {g.id: k for k, (_, groups) in enumerate(self.strips) for g in groups}

    def flags_of(self, version_id: str) -> list[tuple[ClaimGroup, Flag]]:
        """A version's flags (not its notes) with the group of each, once per sentence and detail.

        A sentence linked to several base sentences carries the same evidence in each group;
        counted once, as a reader would.
        """
        if version_id not in self._flags:
            seen: set[tuple[str, str]] = set()
            out = []
            for g, r in self.renderings_of[version_id]:
                for f in r.flags:
                    if f.strength is FlagStrength.FLAG and (r.sentence, f.detail) not in seen:
                        seen.add((r.sentence, f.detail))
                        out.append((g, f))
            self._flags[version_id] = out
        return self._flags[version_id]

    def wording(self, r: Rendering) -> str:
        """A rendering's text as Markdown: for a version other than the base, its word-level diff
        against the group's base wording (`<ins>` / `<del>`); otherwise the text as it is."""
        return diff_markup(r.diff) if r.diff else escape(r.text)

    def anchor(self, sentence_id: str) -> str:
        """A sentence's stable anchor on its version page."""
        return self.anchors[sentence_id]

    def name(self, version_id: str) -> str:
        return escape(self.names[version_id])

    def closest(self, g: ClaimGroup, version_id: str, prefix: str) -> str:
        """Where a version is said to drop a base claim but a sentence of it comes close (the claim
        is perhaps only reworded): that sentence, linked on its version page; else ''."""
        near = self.table.unsure(g, version_id)
        if near is None:
            return ""
        text = escape(self.corpus.sentence(near.sentence).text)
        where = f"{prefix}{version_path(version_id)}#{self.anchor(near.sentence)}"
        return _near(f"closest in {self.name(version_id)}", text, where, near.score)

    def rewording(self, g: ClaimGroup, prefix: str) -> str:
        """Where a sentence said to be added comes close to a base sentence without being linked
        (it perhaps rewords that claim): the base sentence, linked to its claim page; else ''."""
        near = self.table.rewords(g.anchor)
        if near is None:
            return ""
        base = self.groups_of[near.anchor][0]
        text = escape(self.corpus.sentence(near.anchor).text)
        return _near("closest in the base", text, prefix + claim_path(base), near.score)

    def claim_item(self, g: ClaimGroup, prefix: str, *, dots: bool = True, after: str = "") -> str:
        """A list item linking a claim, with one dot per version showing its status; a count
        instead for many versions, or where `dots` is off (a long list on a page about one
        version, where four elements an item made the page slow to lay out on phones).
        `after` is Markdown the caller adds at the end of the item."""
        corpus = self.corpus
        item = link(escape(g.label), prefix + claim_path(g))
        if len(corpus.versions) > AT_A_GLANCE or not dots:
            count = f"in {len(g.versions)} of {len(corpus.versions)} versions"
            return f'- {item} <span class="rt-facts">{count}</span>{after}'
        marks = " ".join(
            f'<span class="rt-dot rt-{self.table.of(g, v.id).value}" title="{escape(self.names[v.id])}: '
            f'{STATUS_TEXT[self.table.of(g, v.id)]}"></span>'
            for v in corpus.versions
        )
        return f"- {marks} {item}{after}"


def _near(lead: str, text: str, where: str, score: float) -> str:
    """A near miss beside a claim: the other sentence, quoted and linked, quieter than the claim."""
    return (
        f'<span class="rt-near">{lead}: '
        f"{link(f'“{text}”', where, title=f'match score {score:.2f}, below what a link needs')}</span>"
    )


def strip_anchor(k: int) -> str:
    """The anchor of the `k`-th strip's heading on the claims index, where claim pages link
    their section (a fixed id: section titles are seed text and may repeat)."""
    return f"section-{k + 1}"


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
