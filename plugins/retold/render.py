"""Render the corpus model as plain Markdown pages (and the export), keyed by docs path.

Pages are ordinary Markdown with relative `.md` links, so MkDocs validates every link and any
MkDocs-compatible engine can render them. All seed text goes through `markup.escape`.
Markdown extensions used: attr_list, md_in_html (both listed in the project's mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from retold.analyse import Status, dropped_groups, has_base, status, unique_groups, version_stats
from retold.export import corpus_json
from retold.markup import escape, escape_heading, escape_title, highlight
from retold.model import BlockKind, ClaimGroup, Corpus, Rendering, Sentence, Version
from retold.text import terms

EXPORT_PATH = "export/corpus.json"
_CELL_TEXT = {
    Status.BASE: "in the base",
    Status.KEPT: "kept",
    Status.ADDED: "added",
    Status.DROPPED: "dropped",
    Status.ABSENT: "not carried",
}


@dataclass(frozen=True)
class Site:
    """Every generated file (docs path -> content) and the navigation in reading order."""

    files: dict[str, str]
    nav: list[dict[str, object]]


def claim_path(group: ClaimGroup) -> str:
    return f"claims/{group.id}.md"


def version_path(version_id: str) -> str:
    return f"versions/{version_id}.md"


def anchor(sentence_id: str) -> str:
    """A sentence's anchor on its version page: `s12` for the twelfth sentence."""
    return "s" + sentence_id.rsplit("-", 1)[1]


class _Links:
    """Lookups shared by all pages: which groups each sentence belongs to, names of versions."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.groups_of: dict[str, list[ClaimGroup]] = {}
        for g in corpus.groups:
            for r in g.renderings:
                self.groups_of.setdefault(r.sentence, []).append(g)
        self.names = {v.id: v.meta.outlet or v.meta.title for v in corpus.versions}
        self.position = {g.id: i for i, g in enumerate(corpus.groups)}

    def name(self, version_id: str) -> str:
        return escape(self.names[version_id])


def render_site(corpus: Corpus, method: str = "") -> Site:
    """All pages of the site, the export, and the navigation."""
    links = _Links(corpus)
    files: dict[str, str] = {
        "index.md": _home(corpus, links),
        "claims/index.md": _claims_index(corpus, links),
        "versions/index.md": _versions_index(corpus, links),
        "lists/added.md": _added(corpus, links),
        "lists/dropped.md": _dropped(corpus, links),
        "method.md": method or _method(corpus),
        EXPORT_PATH: corpus_json(corpus),
    }
    for i, g in enumerate(corpus.groups):
        files[claim_path(g)] = _claim_page(corpus, links, i)
    for v in corpus.versions:
        files[version_path(v.id)] = _version_page(corpus, links, v)
    return Site(files, _nav(corpus))


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


def _nav(corpus: Corpus) -> list[dict[str, object]]:
    claims_nav: list[object] = ["claims/index.md"]
    claims_nav += [
        {escape_heading(title): [claim_path(g) for g in groups]} for title, groups in strips(corpus)
    ]
    return [
        {"Home": "index.md"},
        {"Versions": ["versions/index.md", *(version_path(v.id) for v in corpus.versions)]},
        {"Claims": claims_nav},
        {"Lists": ["lists/added.md", "lists/dropped.md"]},
        {"Method": "method.md"},
    ]


def _version_card(corpus: Corpus, links: _Links, v: Version, prefix: str) -> str:
    m = v.meta
    stats = version_stats(corpus, v.id)
    facts = [m.relation or "version", f"{stats.words:,} words", f"{stats.sentences} claims"]
    if v.id == corpus.base:
        facts.append("base for comparison")
    else:
        facts.append(f"{stats.shared} shared · {stats.unique} added · {stats.dropped} dropped")
    source = (
        f"<br>[Source]({escape_title(m.url)})" if m.url and m.url.startswith(("https://", "http://")) else ""
    )
    return (
        f'<div class="rt-card" markdown>\n'
        f"**[{links.name(v.id)}]({prefix}{version_path(v.id)})**<br>\n"
        f"{escape(m.title)}<br>\n"
        f'<span class="rt-facts">{" · ".join(escape(f) for f in facts)}</span>{source}\n'
        f"</div>\n"
    )


def _coverage(corpus: Corpus, links: _Links, prefix: str) -> str:
    """Claim groups x versions, one small linked cell each, strips per base section."""
    out = ['<div class="rt-coverage" markdown>']
    for title, groups in strips(corpus):
        out.append(f'<div class="rt-strip" markdown>\n<p class="rt-strip-title">{escape(title)}</p>')
        for v in corpus.versions:
            cells = []
            for g in groups:
                st = status(g, v.id, corpus)
                tip = escape_title(f"{g.label} ({_CELL_TEXT[st]} in {links.names[v.id]})")
                link = f'({prefix}{claim_path(g)} "{tip}"){{.rt-cell .rt-{st.value}}}'
                cells.append(f"[<span>{escape(_CELL_TEXT[st])}</span>]{link}")
            out.append(
                f'<div class="rt-row" markdown><span class="rt-rowname">{links.name(v.id)}</span>'
                f'<span class="rt-cells">{"".join(cells)}</span></div>'
            )
        out.append("</div>")
    out.append("</div>")
    legend = " ".join(
        f'<span class="rt-cell rt-{s.value}"></span> {_CELL_TEXT[s]}'
        for s in (Status.BASE, Status.KEPT, Status.ADDED, Status.DROPPED)
    )
    return "\n".join(out) + f'\n\n<p class="rt-legend">{legend}</p>\n'


def _home(corpus: Corpus, links: _Links) -> str:
    base = corpus.version(corpus.base)
    n_multi = sum(1 for g in corpus.groups if len(g.versions) > 1)
    parts = [
        f"# {escape_heading(base.meta.title)}\n",
        f"This site compares **{len(corpus.versions)} versions** of one article claim by claim. "
        f"Each version is cut into claims; claims that carry the same idea are grouped across "
        f"versions into **{len(corpus.groups)} claim groups**, {n_multi} of them found in more than "
        f"one version. The base version is **{links.name(corpus.base)}**; every other version is "
        f"compared with it. [How to read this site](method.md).\n",
        "## Versions\n",
        '<div class="rt-cards" markdown>',
        *(_version_card(corpus, links, v, "") for v in corpus.versions),
        "</div>\n",
        "## Coverage\n",
        "Each cell is one claim group, in the base version's reading order; each row is a version. "
        "Select a cell to open the claim.\n",
        _coverage(corpus, links, ""),
        "## Lists\n",
        "- [All claims, by section](claims/index.md)",
        "- [What each version added](lists/added.md): claims only that version carries",
        "- [What each version dropped](lists/dropped.md): base claims it leaves out",
        f"- [The export]({EXPORT_PATH}): the whole model as JSON (schema 1)\n",
    ]
    return "\n".join(parts)


def _versions_index(corpus: Corpus, links: _Links) -> str:
    cards = "".join(_version_card(corpus, links, v, "../") for v in corpus.versions)
    return f'# Versions\n\n<div class="rt-cards" markdown>\n{cards}</div>\n'


def _claim_item(corpus: Corpus, links: _Links, g: ClaimGroup, prefix: str) -> str:
    marks = " ".join(
        f'<span class="rt-dot rt-{status(g, v.id, corpus).value}" title="{escape_title(links.names[v.id])}: '
        f'{_CELL_TEXT[status(g, v.id, corpus)]}"></span>'
        for v in corpus.versions
    )
    return f"- {marks} [{escape(g.label)}]({prefix}{claim_path(g)})"


def _claims_index(corpus: Corpus, links: _Links) -> str:
    parts = [
        "# All claims\n",
        f"{len(corpus.groups)} claim groups in the base version's reading order. The dots show, "
        f"version by version ({', '.join(links.name(v.id) for v in corpus.versions)}), whether the "
        f"claim is there.\n",
    ]
    for title, groups in strips(corpus):
        parts.append(f"\n## {escape(title)}\n")
        parts += [_claim_item(corpus, links, g, "../") for g in groups]
    return "\n".join(parts) + "\n"


def _grouped_list(corpus: Corpus, links: _Links, title: str, intro: str, pick) -> str:  # type: ignore[no-untyped-def]
    parts = [f"# {title}\n", intro + "\n"]
    for v in corpus.versions:
        groups = pick(corpus, v.id)
        parts.append(f"## {links.name(v.id)} {{#{v.id}}}\n")
        parts.append(f"{len(groups)} claims.\n" if groups else "None.\n")
        parts += [_claim_item(corpus, links, g, "../") for g in groups]
        parts.append("")
    return "\n".join(parts)


def _added(corpus: Corpus, links: _Links) -> str:
    return _grouped_list(
        corpus,
        links,
        "What each version added",
        "Claims that only one version carries: an outlet's own material, or a claim the matcher "
        "found nowhere else.",
        unique_groups,
    )


def _dropped(corpus: Corpus, links: _Links) -> str:
    return _grouped_list(
        corpus,
        links,
        "What each version dropped",
        f"Claims of the base version ({links.name(corpus.base)}) that a version leaves out.",
        lambda c, vid: dropped_groups(c, vid) if vid != c.base else [],
    )


def _rendering_block(
    corpus: Corpus, links: _Links, g: ClaimGroup, r: Rendering, base_terms: frozenset[str] | None
) -> str:
    v = corpus.version(r.version)
    is_base = r.version == corpus.base
    text = highlight(r.text, base_terms) if base_terms is not None and not is_base else escape(r.text)
    head = [f"[{links.name(r.version)}](../{version_path(r.version)}#{anchor(r.sentence)})"]
    head.append(escape(v.meta.relation or "version"))
    if is_base:
        head.append("base")
    else:
        head.append(f"match {r.score:.2f}")
    why = ""
    if r.shared_terms and not is_base:
        why = f'\n<p class="rt-why">Shared terms: {escape(", ".join(r.shared_terms[:8]))}</p>'
    others = [o for o in links.groups_of.get(r.sentence, []) if o.id != g.id]
    also = ""
    if others:
        also = (
            '\n<p class="rt-also" markdown>This sentence also carries: '
            + "; ".join(f"[{escape(o.label)}]({o.id}.md)" for o in others[:6])
            + (f" and {len(others) - 6} more" if len(others) > 6 else "")
            + "</p>"
        )
    cls = "rt-base" if is_base else "rt-kept"
    return (
        f'<div class="rt-rendering {cls}" markdown>\n'
        f'<p class="rt-who" markdown>{" · ".join(head)}</p>\n'
        f"<blockquote markdown>\n{text}\n</blockquote>{why}{also}\n"
        f"</div>\n"
    )


def _claim_page(corpus: Corpus, links: _Links, i: int) -> str:
    g = corpus.groups[i]
    base_r = next((r for r in g.renderings if r.version == corpus.base), None)
    base_terms = frozenset(terms(base_r.text)) if base_r else None
    order = {v.id: k for k, v in enumerate(corpus.versions)}
    renderings = sorted(g.renderings, key=lambda r: (order[r.version], r.start))
    parts = [f"# {escape_heading(g.label)}\n"]
    where = f"Section: {escape(g.section or 'Opening')} · claim {i + 1} of {len(corpus.groups)}"
    parts.append(f'<p class="rt-meta">{where}</p>\n')
    if not has_base(g, corpus):
        parts.append(
            f'<p class="rt-note">Not in the base version ({links.name(corpus.base)}): '
            f"added by {', '.join(links.name(v) for v in g.versions)}.</p>\n"
        )
    parts += [_rendering_block(corpus, links, g, r, base_terms) for r in renderings]
    missing = [v.id for v in corpus.versions if v.id not in g.versions]
    if missing:
        parts.append(f"**Not carried by:** {', '.join(links.name(v) for v in missing)}.\n")
    else:
        parts.append("**Carried by every version.**\n")
    nav = []
    if i > 0:
        prev = corpus.groups[i - 1]
        nav.append(f"← Previous: [{escape(prev.label)}]({prev.id}.md)")
    if i + 1 < len(corpus.groups):
        nxt = corpus.groups[i + 1]
        nav.append(f"Next: [{escape(nxt.label)}]({nxt.id}.md) →")
    parts.append('<nav class="rt-prevnext" markdown>\n' + "<br>\n".join(nav) + "\n</nav>\n")
    return "\n".join(parts)


def _sentence_html(links: _Links, s: Sentence, text: str) -> str:
    groups = links.groups_of.get(s.id, [])
    refs = "".join(f'[⇄](../{claim_path(g)} "Compare: {escape_title(g.label)}"){{.rt-x}}' for g in groups)
    return f'<span id="{anchor(s.id)}" class="rt-s">{escape(text)}</span>{refs}'


def _blocks(v: Version) -> Iterator[tuple[int, list[Sentence]]]:
    by_block: dict[int, list[Sentence]] = {}
    for s in v.sentences:
        by_block.setdefault(s.block, []).append(s)
    for b in v.blocks:
        yield b.index, by_block.get(b.index, [])


def _version_page(corpus: Corpus, links: _Links, v: Version) -> str:
    m = v.meta
    stats = version_stats(corpus, v.id)
    rows = [
        ("Title", m.title),
        ("Outlet", m.outlet),
        ("Relation", m.relation),
        ("Language", m.language),
        ("Date", m.date),
        ("Seed file", m.file),
    ]
    facts = [f"**{k}:** {escape(val)}" for k, val in rows if val]
    if m.url and m.url.startswith(("https://", "http://")):
        facts.append(f"**Source:** [{escape(m.url)}]({escape_title(m.url)})")
    table = '<p class="rt-facts" markdown>' + "<br>\n".join(facts) + "</p>"
    if v.id == corpus.base:
        counts = (
            f"{stats.sentences} claims; the base version, which every other version is "
            f"compared with; {stats.unique} of its claims no other version carries."
        )
    else:
        counts = (
            f"{stats.sentences} claims. Of the base version's claims it keeps {stats.shared} and "
            f"[drops](../lists/dropped.md#{v.id}) {stats.dropped}; "
            f"[adds](../lists/added.md#{v.id}) {stats.unique} of its own."
        )
    parts = [
        f"# {escape_heading(links.names[v.id])}\n",
        table + "\n",
        f"{counts}\n",
        '<p class="rt-meta">Every sentence links (⇄) to its claim page, where the other '
        "versions' wordings stand side by side.</p>\n",
    ]
    front_open = False
    for block_index, sentences in _blocks(v):
        b = v.blocks[block_index]
        body = v.text[b.start : b.end]
        if b.front and not front_open:
            title = v.sections[b.section].title or "Front matter"
            parts.append(
                f'<div class="rt-front" markdown>\n<p class="rt-tag">{escape(title)} (front matter)</p>\n'
            )
            front_open = True
        elif front_open and not b.front:
            parts.append("</div>\n")
            front_open = False
        if b.kind is BlockKind.HEADING:
            parts.append(f"## {escape(body.lstrip('#').strip())} {{#sec-{b.section}}}\n")
        elif b.kind is BlockKind.BOILERPLATE:
            parts.append(
                f'<p class="rt-boilerplate"><span class="rt-tag">boilerplate</span> {escape(body)}</p>\n'
            )
        else:
            parts.append(" ".join(_sentence_html(links, s, s.text) for s in sentences) + "\n")
    if front_open:
        parts.append("</div>\n")
    return "\n".join(parts)


def _method(corpus: Corpus) -> str:
    base = corpus.version(corpus.base)
    multi = sum(1 for g in corpus.groups if len(g.versions) > 1)
    return f"""# How to read this site

## Versions, claims and claim groups

Every version of the article is a *seed*: a text file in the project's `seeds/` folder. Each
seed is cut into blocks (headings, paragraphs, enumerated points, boilerplate such as bylines,
bare links and related-news lists) and its prose into sentences. A **claim** is one sentence as
one version words it; an editor's note or preamble is kept as front matter and shown apart.

A **claim group** is one idea with its wording in every version that carries it. The base
version, **{escape(base.meta.outlet or base.meta.title)}**, is the pivot: each of its sentences
anchors a group, and every sentence of another version joins the group of each base sentence
that carries its claim. A summary sentence that condenses three base sentences therefore
appears in three groups, and its page says so. Sentences that match nothing in the base are
grouped with their counterparts in the other versions, or stand alone as what that version
added. This corpus has {len(corpus.groups)} groups; {multi} are carried by more than one
version.

## How matching works

- Words are reduced to Snowball stems; function words and the verbs that frame reported speech
  ("Lambert points out that", "according to") are dropped, so a rewrite's framing does not
  count as content.
- Terms are weighted by inverse document frequency over all sentences of the corpus: a shared
  rare name counts for much more than a shared "AI".
- A sentence's score against a base sentence blends the weighted overlap in both directions
  with rapidfuzz's token-set ratio, then adds a position prior (retellings mostly keep the
  order of what they retell, found from the confident matches in reading order) and the
  support of neighbouring sentences' matches. Front matter is discounted, so an editor's note
  does not take the body's matches.
- A sentence is linked to its best base sentence when the score clears a threshold, and to
  further base sentences that score nearly as well (a condensing summary); below the threshold
  it is left unlinked as added content.

Each claim page shows each version's wording, its match score and the terms it shares with
the base; words a version uses that the base sentence does not are highlighted.

## Reading a claim page

- One block per version, base first; the link on the version's name opens that exact sentence,
  highlighted, on the version's page.
- "Not carried by" lists the versions that leave the claim out.
- Previous and next follow the base version's reading order.

## The export

[`export/corpus.json`](export/corpus.json) holds the whole model (schema 1): versions with their
seed files, and claims with the character offsets of every rendering in its seed.
"""
