"""Blocks, sections and front matter, recognised by form on small texts and on the seeds."""

from __future__ import annotations

from pathlib import Path

from retold.files.seeds import load_seeds
from retold.model import BlockKind
from retold.pipeline import parse_seed
from retold.text.parse import parse_blocks

from .conftest import SEEDS


def kinds(text: str) -> list[tuple[BlockKind, str]]:
    blocks, _ = parse_blocks(text)
    return [(b.kind, text[b.start : b.end]) for b in blocks]


def test_headings_by_form() -> None:
    text = (
        "# A Markdown title\n\n"
        "The first paragraph says something. It has two sentences.\n"
        "###2、 Numbered section marker\n"
        "Body text follows here.\n"
        "A short title line without punctuation\n"
        "More body text.\n"
    )
    got = kinds(text)
    assert [k for k, _ in got] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]
    _, sections = parse_blocks(text)
    assert [s.title for s in sections] == [
        "A Markdown title",
        "2、 Numbered section marker",
        "A short title line without punctuation",
    ]


def test_boilerplate_forms() -> None:
    text = (
        "A real paragraph of the article that makes a claim.\n"
        "https://example.org/some/path\n"
        "Another story worth reading - Example Times\n"
        "in Tech, Posted by someone_42\n"
        "This article Some title first appeared on Example News.\n"
        "All Comments\n"
        "Related News\n"
        "First related headline about something else\n"
        "Second related headline, with a comma\n"
    )
    got = kinds(text)
    assert got[0][0] is BlockKind.PARAGRAPH
    assert all(k is BlockKind.BOILERPLATE for k, _ in got[1:]), got


def test_enumerated_points_are_items() -> None:
    text = "Intro sentence here.\n1: The first point is made.\n2. The second point is made.\nFirst, a point.\n"
    assert [k for k, _ in kinds(text)] == [
        BlockKind.PARAGRAPH,
        BlockKind.ITEM,
        BlockKind.ITEM,
        BlockKind.ITEM,
    ]


def test_front_matter_before_marker() -> None:
    text = (
        "Editor's Note: the editor frames the piece.\n"
        "A second paragraph of the note.\n"
        "The following is the original text:\n"
        "The article begins here.\n"
        "It goes on.\n"
        "And ends.\n"
    )
    blocks, sections = parse_blocks(text)
    assert [b.front for b in blocks] == [True, True, False, False, False, False]
    assert blocks[2].kind is BlockKind.BOILERPLATE
    assert sections[0].front and sections[0].title == "Editor's Note"


def test_sentence_broken_across_paragraphs_is_one_block() -> None:
    text = "He runs the newsletter '\n\nInterconnects ,' and writes about labs.\n"
    blocks, _ = parse_blocks(text)
    assert len(blocks) == 1
    assert text[blocks[0].start : blocks[0].end].endswith("labs.")


def test_a_line_without_a_full_stop_keeps_the_paragraph_after_a_blank_line_apart() -> None:
    """A dateline, a photo credit or a figure caption ends without a full stop; the paragraph after
    the blank line is not its continuation (real lines from a press release and an agency piece)."""
    for first in ("published on: 08.10.2025", "A TikTok logo is seen in this picture. REUTERS/File photo"):
        text = f"{first}\n\nThe Bundeskartellamt has today initiated proceedings against the platform.\n"
        assert [body for _, body in kinds(text)][-1].startswith("The Bundeskartellamt")
    text = "If you prefer code,\n\ntime(task) = speedup * est_time(task)\n\nIs that a good model?\n"
    assert [body.split()[0] for _, body in kinds(text)] == ["If", "Is"]


def test_a_list_whose_bullets_were_lost_keeps_one_item_a_block() -> None:
    """After a line that ends with a colon, lines apart without a full stop are the items of a
    list whose bullets an archive dropped (the mistral story's Prompt Engineering Guide page):
    each is a claim of its own, though some begin in lower case."""
    story = Path(__file__).parent / "data" / "stories" / "mistral" / "seeds" / "001_promptingguide.txt"
    bodies = [body for _, body in kinds(story.read_text(encoding="utf-8"))]
    start = bodies.index("Mistral Large's capabilities and strengths include:")
    assert bodies[start + 2 : start + 7] == [
        "has native multilingual capacities (fluent in English, French, Spanish, German, and Italian)",
        "strong capabilities in reasoning, knowledge, maths, and coding benchmarks",
        "function calling and JSON format natively supported",
        "a low-latency model called Mistral Small was also released",
        "allows developers to design moderation policies with its precise instruction-following",
    ]


def test_seed_blocks_have_exact_offsets() -> None:
    seeds, _ = load_seeds(SEEDS, [])
    for seed in seeds:
        version = parse_seed(seed)
        for b in version.blocks:
            body = seed.text[b.start : b.end]
            assert body == body.strip() and body
        for s in version.sentences:
            assert seed.text[s.start : s.end] == s.text
