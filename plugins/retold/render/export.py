"""The public `corpus.json` export, schema 1 (see the README's "Export" section).

Readers of schema 1 (the shared scorers among them) take any entry of a rendering's `flags` as a
sign of change, so notes (evidence of kinds that did not separate distorted from faithful
sentences) go in a field of their own, `notes`: an optional addition, which schema 1 welcomes,
not a change of what `flags` means. Likewise the near misses the "dropped" and "added" lists set
apart: `perhaps_reworded_in` on a claim (the versions said to drop it whose closest sentence comes
near, with that sentence) and `perhaps_rewords` on an added rendering (the base sentence it comes
near, with its claim); `dropped_by` and the statuses still count them as dropped and added."""

from __future__ import annotations

import json
from typing import Any

from retold.analyse.status import StatusTable
from retold.model import Corpus, Flag, FlagStrength, Status

SCHEMA = 1


def _flag(f: Flag) -> dict[str, Any]:
    return {"kind": f.kind, "strength": f.strength, "detail": f.detail, "here": list(f.here), "base": list(f.base)}


def corpus_dict(corpus: Corpus) -> dict[str, Any]:
    """The export as plain data: the schema's required fields plus optional extras."""
    table = StatusTable(corpus)
    versions = []
    for v in corpus.versions:
        m = v.meta
        versions.append(
            {
                "id": m.id,
                "file": m.file,
                "title": m.title,
                "outlet": m.outlet,
                "url": m.url,
                "language": m.language,
                "relation": m.relation,
                "date": m.date,
                "base": v.id == corpus.base,
                "sections": [{"index": s.index, "title": s.title, "front": s.front} for s in v.sections],
                "blocks": [
                    {
                        "kind": b.kind.value,
                        "start": b.start,
                        "end": b.end,
                        "section": b.section,
                        "front": b.front,
                    }
                    for b in v.blocks
                ],
            }
        )
    claim_of = {g.anchor: g.id for g in corpus.groups if g.anchor}

    def rewords(sentence: str) -> dict[str, Any] | None:
        u = table.rewords(sentence)
        return None if u is None else {"claim": claim_of.get(u.anchor), "sentence": u.anchor, "score": u.score}

    claims = [
        {
            "id": g.id,
            "label": g.label,
            "section": g.section,
            "dropped_by": [v.id for v in corpus.versions if table.of(g, v.id) is Status.DROPPED],
            "perhaps_reworded_in": [
                {"version": u.version, "sentence": u.sentence, "score": u.score}
                for v in corpus.versions
                if (u := table.unsure(g, v.id)) is not None
            ],
            "renderings": [
                {
                    "version": r.version,
                    "start": r.start,
                    "end": r.end,
                    "text": r.text,
                    "score": r.score,
                    "sentence": r.sentence,
                    "shared_terms": list(r.shared_terms),
                    "status": r.status,
                    "flags": [_flag(f) for f in r.flags if f.strength is FlagStrength.FLAG],
                    "notes": [_flag(f) for f in r.flags if f.strength is FlagStrength.NOTE],
                    "perhaps_rewords": rewords(r.sentence),
                }
                for r in g.renderings
            ],
        }
        for g in corpus.groups
    ]
    return {"schema": SCHEMA, "base": corpus.base, "versions": versions, "claims": claims}


def corpus_json(corpus: Corpus) -> str:
    """The export serialised deterministically, so an unchanged corpus gives identical bytes."""
    return json.dumps(corpus_dict(corpus), ensure_ascii=False, indent=1) + "\n"
