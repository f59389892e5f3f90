"""List pages: all claims by section, what each version added, what each version dropped."""

from __future__ import annotations

from collections.abc import Callable

from retold.analyse import dropped_groups, unique_groups
from retold.markup import escape
from retold.model import ClaimGroup, Corpus
from retold.pages.common import Pages, plural, strips


def claims_index(pages: Pages) -> str:
    corpus = pages.corpus
    parts = [
        "# All claims\n",
        f"{len(corpus.groups)} claim groups in the base version's reading order. The dots show, version "
        f"by version ({', '.join(pages.name(v.id) for v in corpus.versions)}), whether the claim is there.\n",
    ]
    for title, groups in strips(corpus):
        parts.append(f"\n## {escape(title)}\n")
        parts += [pages.claim_item(g, "../") for g in groups]
    return "\n".join(parts) + "\n"


def _per_version(pages: Pages, title: str, intro: str, pick: Callable[[Corpus, str], list[ClaimGroup]]) -> str:
    parts = [f"# {title}\n", intro + "\n"]
    for v in pages.corpus.versions:
        groups = pick(pages.corpus, v.id)
        parts.append(f"## {pages.name(v.id)} {{#{v.id}}}\n")
        parts.append(f"{plural(len(groups), 'claim')}.\n" if groups else "None.\n")
        parts += [pages.claim_item(g, "../") for g in groups]
        parts.append("")
    return "\n".join(parts)


def added(pages: Pages) -> str:
    return _per_version(
        pages,
        "What each version added",
        "Claims that only one version carries: an outlet's own material, or a claim the matcher found nowhere else.",
        unique_groups,
    )


def dropped(pages: Pages) -> str:
    return _per_version(
        pages,
        "What each version dropped",
        f"Claims of the base version ({pages.name(pages.corpus.base)}) that a version leaves out.",
        lambda c, vid: dropped_groups(c, vid) if vid != c.base else [],
    )
