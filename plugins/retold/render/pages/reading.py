"""A short guide for readers: what the pages show and how to read their marks. How the site is
made (matching, flags, accuracy) is the Method page's job; this page only points to it."""

from __future__ import annotations

from retold.render.pages.common import Pages, compare_path, plural


def reading_page(pages: Pages) -> str:
    corpus = pages.corpus
    others = [v for v in corpus.versions if v.id != corpus.base]
    example = f"[{pages.name(others[0].id)} beside the base]({compare_path(others[0].id)})" if others else ""
    return f"""# How to read this site

This site lines up {plural(len(corpus.versions), "version")} of one article so you can see what each
retelling kept, changed, dropped or added. One version, **{pages.name(corpus.base)}**, is the
*base*: every other version is read against it.

## The words used everywhere

- **Claim**: one sentence as one version words it.
- **Claim group**: one idea, with its wording in every version that carries it. Each has a page.
- **Kept**: the version carries the base claim.
- **Changed**: the version carries it, with a difference worth checking (a number, a name, a
  hedge such as "may", a negation, a cause...). The difference is quoted; it is evidence, not a
  verdict.
- **Added**: the version says something the base does not.
- **Dropped**: a base claim the version leaves out.
- **Close, fair or loose match**: how much wording a version shares with the base for that claim.
  Hover over the words to see the score.

## Five ways in

1. **What did a version drop?** Open the version's page and press *Show the dropped claims*:
   they appear where they would have stood, in a dashed box labelled *dropped*, or *perhaps
   reworded* where one of the version's sentences comes close. Or read the
   [dropped list](lists/dropped.md), grouped by section, with those close sentences quoted:
   the matcher could not tie them to the claim, but you can judge.
2. **What did it add?** On the version's page, added sentences are marked with a dotted line;
   the [added list](lists/added.md) gathers them, apart from those that perhaps reword a base
   claim (the closest base sentence is quoted beside them).
3. **Where does the meaning change?** Each version's [fidelity page](fidelity/index.md) lists
   the flagged differences by kind, each with the version's own wording.
4. **One claim in every version?** A claim page shows each wording against the base:
   <ins>words a version adds</ins> and <del>words it leaves out</del>. On the
   [list of all claims](claims/index.md), filter for claims in every version.
5. **Read a version beside the base?** The parallel reader puts both side by side, a row per
   claim{": " + example if example else ""}.

## Marks on a version's page

Sentences are underlined by how they stand to the base: a solid line for kept, a wavy line for
changed, a dotted line for added, and the word *dropped* (or *perhaps reworded*) on base claims
shown at their place.
Each mark is named in the key at the top of the page, so colour is never the only cue. The ⇄
after a sentence opens its claim page.

How the matching is done, and how accurate it is, is on the [Method](method.md) page.
"""
