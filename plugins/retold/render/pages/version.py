"""One page per version: its full text, every claim sentence anchored and linked sideways."""

from __future__ import annotations

from collections.abc import Iterator

from retold.model import BlockKind, ClaimGroup, Sentence, Status, Version
from retold.render.markup import escape, escape_heading
from retold.render.pages.common import Pages, claim_path, compare_path, fidelity_path, link, plural


def _sentence(pages: Pages, s: Sentence) -> str:
    refs = "".join(
        link("⇄", "../" + claim_path(g), title=f"Compare: {g.label}", attrs="{.rt-x}")
        for g in pages.groups_of.get(s.id, [])
    )
    status = pages.table.sentence(s.id)
    mark = f' data-status="{status.value}"' if status else ""
    return f'<span id="{pages.anchor(s.id)}" class="rt-s"{mark}>{escape(s.text)}</span>{refs}'


def _dropped_after(pages: Pages, v: Version) -> dict[str | None, list[ClaimGroup]]:
    """The base claims `v` drops, keyed by the sentence of `v` they would follow: the one that
    carries the nearest base claim before them (None: before the version's first claim)."""
    corpus = pages.corpus
    after: str | None = None
    out: dict[str | None, list[ClaimGroup]] = {}
    for g in corpus.groups:
        status = pages.table.of(g, v.id)
        if status is Status.DROPPED:
            out.setdefault(after, []).append(g)
        elif status in (Status.KEPT, Status.CHANGED):
            after = max((r.sentence for r in g.renderings if r.version == v.id), key=lambda s: corpus.sentence(s).index)
    return out


def _gone(pages: Pages, v: Version, groups: list[ClaimGroup]) -> str:
    """Dropped base claims at their place, hidden until the reader asks for them (and never
    indexed for search: the words are the base version's, on its own page); those perhaps only
    reworded say so, as the dropped list does."""
    base = pages.corpus.base
    items = "\n".join(
        f'<p class="rt-gone" data-status="dropped" data-search-exclude hidden markdown>'
        f'<span class="rt-tag">{"perhaps reworded" if pages.table.unsure(g, v.id) else "dropped"}</span> '
        f"{escape(next(r.text for r in g.renderings if r.version == base))} "
        f"{link('⇄', '../' + claim_path(g), title='Compare: ' + g.label, attrs='{.rt-x}')}</p>"
        for g in groups
    )
    return items + "\n"


LEGEND = (
    ("kept", "kept: the base version carries this claim"),
    ("changed", "changed: carried, with a difference worth checking"),
    ("added", "added: not in the base version"),
    ("dropped", "dropped: a base claim this version leaves out"),
)


def _legend(pages: Pages, v: Version, n_dropped: int) -> str:
    """Sample text in each style, named in words: the marks differ in line shape, not colour alone."""
    keys = "".join(f'<li><span class="rt-s" data-status="{k}">{text}</span></li>' for k, text in LEGEND)
    toggle = (
        f'<button type="button" class="rt-toggle md-button" aria-pressed="false" data-rt-toggle="rt-gone" hidden>'
        f"Show the {plural(n_dropped, 'dropped claim')} at their place</button>"
        if n_dropped
        else ""
    )
    return (
        f'<div class="rt-key" data-search-exclude markdown>\n<p class="rt-meta">How each sentence stands to the '
        f"base version ({pages.name(pages.corpus.base)}):</p>\n"
        f'<ul class="rt-keys">{keys}</ul>\n{toggle}\n</div>\n'
    )


def _blocks(v: Version) -> Iterator[tuple[int, list[Sentence]]]:
    by_block: dict[int, list[Sentence]] = {}
    for s in v.sentences:
        by_block.setdefault(s.block, []).append(s)
    for b in v.blocks:
        yield b.index, by_block.get(b.index, [])


def _header(pages: Pages, v: Version) -> list[str]:
    corpus = pages.corpus
    m = v.meta
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
        facts.append(f"**Source:** {link(escape(m.url), m.url)}")
    stats = pages.table.stats(v.id)
    if v.id == corpus.base:
        counts = (
            f"{plural(stats.sentences, 'sentence')}; the base version, which every other version is compared with; "
            f"{stats.unique} of its claims no other version carries."
        )
    else:
        counts = (
            f"{plural(stats.sentences, 'sentence')}. Of the base version's {stats.base_claims} claims it keeps "
            f"{stats.kept}, [changes]({'../' + fidelity_path(v.id)}) {stats.changed} and "
            f"[drops](../lists/dropped.md#{v.id}) {stats.dropped}; "
            f"it [adds](../lists/added.md#{v.id}) {stats.unique} of its own."
        )
    parts = [
        f"# {escape_heading(pages.names[v.id])}\n",
        '<p class="rt-facts" markdown>' + "<br>\n".join(facts) + "</p>\n",
        f"{counts}\n",
        '<p class="rt-meta">Every sentence links (⇄) to its claim page, where the other versions\' '
        "wordings stand side by side.</p>\n",
    ]
    if v.id != corpus.base:
        parts.append(f"[Read it beside the base version, claim by claim](../{compare_path(v.id)}){{.md-button}}\n")
        parts.append(_legend(pages, v, stats.dropped))
    return parts


def version_page(pages: Pages, v: Version) -> str:
    parts = _header(pages, v)
    dropped = _dropped_after(pages, v) if v.id != pages.corpus.base else {}
    if None in dropped:
        parts.append(_gone(pages, v, dropped[None]))
    front_open = False
    for block_index, sentences in _blocks(v):
        b = v.blocks[block_index]
        body = v.text[b.start : b.end]
        if b.front and not front_open:
            title = v.sections[b.section].title or "Front matter"
            parts.append(f'<div class="rt-front" markdown>\n<p class="rt-tag">{escape(title)} (front matter)</p>\n')
            front_open = True
        elif front_open and not b.front:
            parts.append("</div>\n")
            front_open = False
        if b.kind is BlockKind.HEADING:
            parts.append(f'## {escape(body.lstrip("#").strip())} {{#sec-{b.section} data-status="heading"}}\n')
        elif b.kind is BlockKind.BOILERPLATE:
            parts.append(
                f'<p class="rt-boilerplate" data-status="boilerplate"><span class="rt-tag">boilerplate</span> '
                f"{escape(body)}</p>\n"
            )
        else:
            parts.append(" ".join(_sentence(pages, s) for s in sentences) + "\n")
        gone = [g for s in sentences for g in dropped.get(s.id, [])]
        if gone:
            parts.append(_gone(pages, v, gone))
    if front_open:
        parts.append("</div>\n")
    return "\n".join(parts)
