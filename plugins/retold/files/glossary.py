"""The optional `seeds/glossary.yml`: names that no string measure can see as the same.

    entities:
      - name: Moonshot AI
        kind: organisation        # organisation | person | product | place | other
        aliases: [Lunar Dark Side, Kimi]

Every alias (and the name itself) becomes one matching term, so "Lunar Dark Side" in a
literal translation and "Moonshot AI" in a rewrite count as the same word. The entity index
and the fidelity checks use the same list. Names are cut into words by the one tokeniser
(`retold.text.terms.name_words`), so two names are one name here exactly when matching cannot
tell them apart ("Non-compete", "noncompete"); each may belong to one entity only.
"""

from __future__ import annotations

from pathlib import Path

from retold.errors import RetoldError
from retold.files.yamlnodes import compose, line, mapping, scalar, sequence
from retold.model import Entity, EntityKind, Glossary
from retold.text.terms import name_words

GLOSSARY = "glossary.yml"
_ENTRY_KEYS = ("name", "kind", "aliases")


def load_glossary(seeds_dir: Path) -> Glossary:
    """The glossary of a seeds folder, or an empty one when it has none."""
    path = seeds_dir / GLOSSARY
    if not path.is_file():
        return Glossary()
    root = compose(path)
    if root is None:
        return Glossary()
    entities: list[Entity] = []
    seen: dict[tuple[str, ...], int] = {}
    for _, value, _ in mapping(path, root, "The glossary", ("entities",)):
        for item in sequence(path, value, "entities"):
            fields: dict[str, object] = {"aliases": ()}
            for key, node, _ in mapping(path, item, "An entity", _ENTRY_KEYS):
                if key == "aliases":
                    fields[key] = tuple(a for a in (scalar(path, n, key) for n in sequence(path, node, key)) if a)
                else:
                    fields[key] = scalar(path, node, key)
            name, kind = fields.get("name"), fields.get("kind") or "other"
            if not isinstance(name, str) or not name.strip():
                raise RetoldError(path, "an entity has no 'name'.", line=line(item))
            kinds = [k.value for k in EntityKind]
            if kind not in kinds:
                raise RetoldError(path, f"kind '{kind}' is not one of {', '.join(kinds)}.", line=line(item))
            for n in (name, *fields["aliases"]):  # type: ignore[misc]
                key = name_words(n)
                if not key:
                    raise RetoldError(
                        path,
                        f"the name '{n}' has no letters or digits the tokeniser reads, so it can match no word.",
                        line=line(item),
                        hint="Remove it or write the name out.",
                    )
                if key in seen:
                    raise RetoldError(
                        path,
                        f"the name '{n}' is already used on line {seen[key]}.",
                        line=line(item),
                        hint="Each name or alias may belong to one entity only.",
                    )
                seen[key] = line(item)
            entities.append(Entity(name.strip(), EntityKind(kind), fields["aliases"]))  # type: ignore[arg-type]
    return Glossary(tuple(entities))
