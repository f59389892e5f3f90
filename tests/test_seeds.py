"""Seed discovery, decoding and the seeds.yml manifest: good input and clear errors."""

from __future__ import annotations

import pytest
from retold.errors import RetoldError
from retold.files.seeds import load_seeds
from retold.pipeline import build_corpus
from retold.render.markup import escape
from retold.render.pages import render_site

from .conftest import ROOT, SEEDS, MakeCorpus

TEXT = "A headline for the piece\nThe first claim is here. The second claim follows.\n"


def test_project_manifest_covers_every_seed() -> None:
    warnings: list[str] = []
    seeds, base = load_seeds(SEEDS, warnings)
    assert warnings == []
    assert len(seeds) == 4 and base in {s.meta.id for s in seeds}
    assert all(s.meta.title and s.meta.relation for s in seeds)


def test_bom_and_crlf_are_accepted(make_corpus: MakeCorpus) -> None:
    folder = make_corpus({"a.txt": b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode()})
    seeds, _ = load_seeds(folder, [])
    assert not seeds[0].text.startswith("\ufeff") and "\r\n" in seeds[0].text


def test_seed_without_manifest_entry_is_inferred_with_a_note(make_corpus: MakeCorpus) -> None:
    """Adding a version without an entry is normal use: a note, not a warning (which would
    fail `mkdocs build --strict`)."""
    folder = make_corpus({"My Version 2.md": "# The Title\n\nBody text here.\n"})
    warnings: list[str] = []
    notes: list[str] = []
    seeds, _ = load_seeds(folder, warnings, notes)
    assert seeds[0].meta.id == "my-version-2" and seeds[0].meta.title == "The Title"
    assert warnings == []
    assert len(notes) == 1 and "My Version 2.md" in notes[0]


def test_a_version_whose_first_line_is_a_long_sentence_is_titled_by_its_start(make_corpus: MakeCorpus) -> None:
    """An archive that kept no headline leaves a retelling's first sentence as its first line (the
    hugoboss story's Business Recorder and AM Business copies): its title is that sentence cut at a
    word, with an ellipsis, and the home page's opening line does not add a full stop after it."""
    lead = (
        "German fashion group Hugo Boss reported a better-than-expected quarterly revenue on Tuesday and "
        "confirmed its full-year outlook."
    )
    manifest = "base: a\nversions:\n  - file: a.txt\n    id: a\n  - file: b.txt\n    id: b\n"
    folder = make_corpus({"a.txt": TEXT, "b.txt": f"{lead}\nThe first claim is here.\n", "seeds.yml": manifest})
    corpus = build_corpus(folder)
    title = corpus.version("b").meta.title
    assert title == "German fashion group Hugo Boss reported a better-than-expected quarterly revenue…"
    home = render_site(corpus).files["index.md"]
    lead_line = next(line for line in home.splitlines() if "One story told" in line)
    assert lead_line.endswith(f"{escape(title)}</p>"), lead_line


def test_a_version_no_manifest_entry_describes_is_named_by_its_file(make_corpus: MakeCorpus) -> None:
    """A stored page often starts with a byline or a section label (the groupchats story's India Today
    and pulse24 copies: "Unnati Gusain", "What happened"): named by that first line, versions read as
    people and headings. An unlisted seed is named by its file name, which whoever dropped it in chose,
    with its first line still shown as its title on its card."""
    folder = make_corpus(
        {"a.txt": TEXT, "002_indiatoday.txt": "Unnati Gusain\n\nThe first claim is here.\n", "seeds.yml": "base: a\n"}
    )
    corpus = build_corpus(folder)
    (unlisted,) = [v for v in corpus.versions if v.meta.file == "002_indiatoday.txt"]
    assert (unlisted.meta.name, unlisted.meta.title) == ("indiatoday", "Unnati Gusain")
    site = render_site(corpus).files
    assert "Unnati Gusain" not in next(line for line in site["index.md"].splitlines() if "One story told" in line)
    assert "**[indiatoday](" in site["index.md"] and "Unnati Gusain<br>" in site["index.md"]


def test_a_base_chosen_from_the_texts_is_named_in_a_note(make_corpus: MakeCorpus) -> None:
    """Without a manifest the build says which version it took as base and how to name another:
    on a real story whose outlets worked from another source, the choice misses the primary."""
    story = ROOT / "tests" / "data" / "stories" / "noyb" / "seeds"
    folder = make_corpus({p.name: p.read_bytes() for p in story.glob("*.txt")})
    corpus = build_corpus(folder)
    (note,) = [n for n in corpus.notes if "names no base" in n]
    assert f"chose '{corpus.base}'" in note and "set 'base: <its id>'" in note
    (folder / "seeds.yml").write_text("base: 000-noyb\n", encoding="utf-8")
    named = build_corpus(folder)
    assert named.base == "000-noyb" and not [n for n in named.notes if "names no base" in n]


@pytest.mark.parametrize(
    ("manifest", "line", "words"),
    [
        ("versions:\n  - file: a.txt\n    colour: red\n", 3, "unknown key 'colour'"),
        ("versions:\n  - file: missing.txt\n", 2, "missing.txt"),
        ("versions:\n  - file: a.txt\n    id: x\n  - file: b.txt\n    id: x\n", 4, "duplicate id 'x'"),
        ("versions:\n  - file: a.txt\n    relation: fanfic\n", 2, "relation 'fanfic'"),
        ("versions: [\n  - file: a.txt\n", 2, "not valid YAML"),
        ("wrong: 1\n", 1, "unknown key 'wrong'"),
        ("versions:\n  - file: a.txt\n    title: [1, 2]\n", 3, "single value"),
    ],
)
def test_manifest_errors_name_file_and_line(make_corpus: MakeCorpus, manifest: str, line: int, words: str) -> None:
    folder = make_corpus({"a.txt": TEXT, "b.txt": TEXT + "More.\n", "seeds.yml": manifest})
    with pytest.raises(RetoldError) as info:
        load_seeds(folder, [])
    message = str(info.value)
    assert "seeds.yml" in message and words in message
    assert info.value.line == line


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"abc\x00def", "binary"),
        (b"ok text\n\xff\xfe bad", "not valid UTF-8 (byte 8, line 2)"),
    ],
)
def test_bad_seed_is_skipped_with_warning(make_corpus: MakeCorpus, content: bytes, words: str) -> None:
    folder = make_corpus({"good.txt": TEXT, "bad.txt": content})
    warnings: list[str] = []
    seeds, _ = load_seeds(folder, warnings)
    assert [s.path.name for s in seeds] == ["good.txt"]
    assert any("bad.txt" in w and words in w for w in warnings), warnings


def test_folder_without_seeds_is_an_error(make_corpus: MakeCorpus) -> None:
    folder = make_corpus({"notes.csv": "a,b\n"})
    with pytest.raises(RetoldError, match="no usable seed"):
        load_seeds(folder, [])
