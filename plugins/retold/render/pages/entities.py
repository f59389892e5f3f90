"""The entity index: organisations and people with their aliases, and every claim naming them
(which renderings name which entity is the analyse stage's finding, `Rendering.names`)."""

from __future__ import annotations

from retold.model import EntityKind
from retold.render.markup import escape
from retold.render.pages.common import Pages, claim_path


def entities_page(pages: Pages) -> str:
    corpus = pages.corpus
    glossary = corpus.glossary
    parts = [
        "# Entities\n",
        "Organisations, people and products from the glossary (`seeds/glossary.yml`), with the other names "
        "they go by, and the claims that name them in each version.\n",
    ]
    if not glossary.entities:
        parts.append("This corpus has no glossary yet: add `seeds/glossary.yml` to list its entities.\n")
        return "\n".join(parts)
    order = {kind: n for n, kind in enumerate(EntityKind)}
    for e in sorted(glossary.entities, key=lambda e: (order[e.kind], e.name.lower())):
        parts.append(f"## {escape(e.name)}\n")
        aka = f" · also called {', '.join(escape(a) for a in e.aliases)}" if e.aliases else ""
        parts.append(f'<p class="rt-meta">{escape(e.kind)}{aka}</p>\n')
        found = False
        for v in corpus.versions:
            groups = [g for g in corpus.groups if any(r.version == v.id and e.term in r.names for r in g.renderings)]
            if groups:
                found = True
                links = ", ".join(f"[{escape(g.label)}]({claim_path(g)})" for g in groups[:12])
                more = f" and {len(groups) - 12} more" if len(groups) > 12 else ""
                parts.append(f"- **{pages.name(v.id)}** ({len(groups)}): {links}{more}")
        parts.append("" if found else "Not named in any claim.\n")
    return "\n".join(parts) + "\n"
