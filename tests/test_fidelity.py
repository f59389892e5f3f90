"""Fidelity detectors on sentence pairs shaped like the real ones: each kind fires on a change,
not on a match; notes never make a claim changed; evidence is shown marked and escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from retold.analyse.detectors import NOTES, Context, compare
from retold.analyse.status import annotate
from retold.model import Entity, EntityKind, Glossary
from retold.pipeline import build_corpus
from retold.quality.evaluate import FlagRates, flag_rates, read_split, rule_notes, score_story
from retold.render.pages.common import Pages
from retold.render.pages.fidelity import fidelity_page

from .conftest import ROOT, SEEDS, MakeCorpus

STORIES = ROOT / "tests" / "data" / "stories"

GLOSSARY = Glossary(
    (
        Entity("Moonshot AI", EntityKind.ORGANISATION, ("Lunar Dark Side",)),
        Entity("Qwen", EntityKind.PRODUCT, ("Tongyi Qianwen", "Alibaba's Qwen")),
        Entity("Claude", EntityKind.PRODUCT, ()),
        Entity("Anthropic", EntityKind.ORGANISATION, ()),
    )
)
CTX = Context(GLOSSARY, frozenset({"chinese", "china", "ai", "the", "us"}), frozenset({"lambert"}))


def kinds(here: str, base: str) -> set[str]:
    return {f.kind for f in compare(here, base, base, CTX)}


CASES = [
    # kind, changed wording (should flag), faithful wording (should not), base
    (
        "number",
        "The lab spent $20 million on one environment.",
        "The lab spent $10 million on one environment.",
        "The lab spent $10 million on one environment.",
    ),
    (
        "entity",
        "Moonshot AI and Huawei released open models this year.",
        "Moonshot AI released open models this year.",
        "Lunar Dark Side released open models this year.",
    ),
    (
        "hedge-dropped",
        "Claude is banned in China, and developers use it anyway.",
        "Claude is nominally banned in China, yet developers use it anyway.",
        "Claude is nominally banned in China, yet developers use it anyway.",
    ),
    (
        "hedge",
        "The government may shape technical decisions at the labs.",
        "The government shapes technical decisions at the labs.",
        "The government shapes technical decisions at the labs.",
    ),
    (
        "negation",
        "The government directly influences the labs' technical decisions.",
        "There is no sign the government directly influences the labs' technical decisions.",
        "There is no sign the government directly influences the labs' technical decisions.",
    ),
    (
        "attribution",
        "One researcher said the labs respect DeepSeek's research taste.",
        "Lambert says the labs respect DeepSeek's research taste.",
        "The labs respect DeepSeek's research taste.",
    ),
    (
        "cause",
        "Due to export controls, the labs lack enough Nvidia chips for training.",
        "The labs lack enough Nvidia chips for training.",
        "The labs lack enough Nvidia chips for training.",
    ),
    (
        "quote",
        "He calls the sector 'a giant family' of labs that respect each other.",
        "He calls the sector 'a giant ecosystem' of labs that respect each other.",
        "The sector is a giant ecosystem of labs that respect each other.",
    ),
    (
        "intensity",
        "All labs hold ByteDance in high esteem as a competitor.",
        "Some labs are wary of ByteDance as a competitor.",
        "Some labs are wary of ByteDance as a competitor.",
    ),
    (
        "intensity",
        "Developers always buy tools that are valuable to their work.",
        "Developers often buy tools that are valuable to their work.",
        "Developers often buy tools that are valuable to their work.",
    ),
    (
        "intensity",
        "Lambert found that Chinese companies spend on AI as they spend on the cloud market.",
        "Lambert asks whether Chinese companies spend on AI as they spend on the cloud market.",
        "A key, yet unanswered question is whether Chinese companies spend on AI as on the cloud market.",
    ),
    (
        "number",
        "Developers took 24% longer with AI tools.",
        "Developers took nearly one in five times longer with AI tools.",
        "Developers took about 19% longer with AI tools.",
    ),
    (
        "cause",
        "Chinese labs publish open models, which is why the ecosystem is so collaborative.",
        "Chinese labs publish open models, and the ecosystem is so collaborative.",
        "Chinese labs publish open models, and the ecosystem is collaborative.",
    ),
    (
        "degree",
        "The AI ecosystems of China and the US have formed completely different paths.",
        "The AI ecosystems of China and the US have formed different paths.",
        "The AI ecosystems of China and the US have formed different paths.",
    ),
    (
        "degree",
        "In private conversations I heard respect for peers.",
        "In private conversations I heard almost exclusively respect for peers.",
        "In many private conversations, I heard almost exclusively respect for peers.",
    ),
    (
        "attribution-dropped",
        "The new model failed most of the safety benchmarks.",
        "The new model failed most of the safety benchmarks, researchers said.",
        "Independent researchers said the new model failed most of the safety benchmarks.",
    ),
]


@pytest.mark.parametrize(("kind", "changed", "faithful", "base"), CASES)
def test_detector_fires_on_change_only(kind: str, changed: str, faithful: str, base: str) -> None:
    assert kind in kinds(changed, base), compare(changed, base, base, CTX)
    assert kind not in kinds(faithful, base), compare(faithful, base, base, CTX)


def test_additive_not_only_is_not_negation() -> None:
    base = "ByteDance and Alibaba build their own models, and so do Meituan and Xiaomi."
    here = "Not only ByteDance and Alibaba build their own models, but also Meituan and Xiaomi."
    assert "negation" not in kinds(here, base)


def test_the_authors_full_name_is_not_a_new_name() -> None:
    """The surname is too common in the corpus to count as a name; the first name alone is not one either."""
    ctx = Context(GLOSSARY, CTX.common | {"lambert"}, CTX.author_names)
    here = "When Nathan Lambert finished his visit, he took the train to Shanghai."
    base = "When I finished my visit, I took the train to Shanghai."
    assert "entity" not in {f.kind for f in compare(here, base, base, ctx)}
    assert "entity" in {f.kind for f in compare(here.replace("Shanghai", "Shenzhen"), base, base, ctx)}


def test_identical_sentences_carry_no_flag() -> None:
    for _, _, _, base in CASES:
        assert kinds(base, base) == set()


def test_flags_quote_both_sides() -> None:
    flags = compare("The lab spent $20 million.", "The lab spent $10 million.", "The lab spent $10 million.", CTX)
    assert flags[0].here == ("$20 million",) and flags[0].base == ("$10 million",)
    assert "$20 million" in flags[0].detail and "$10 million" in flags[0].detail


def test_seed_corpus_statuses() -> None:
    """A rendering is changed exactly when it has a flag; notes are shown, not counted."""
    corpus = build_corpus(SEEDS)
    statuses = {r.status for g in corpus.groups for r in g.renderings}
    assert statuses <= {"base", "kept", "changed", "added"}
    for g in corpus.groups:
        for r in g.renderings:
            assert (r.status == "changed") == any(f.strength == "flag" for f in r.flags)
            assert all(f.strength == ("note" if f.kind in NOTES else "flag") for f in r.flags)
            assert (r.status == "base") == (r.version == corpus.base)
    assert any(r.status == "kept" and r.flags for g in corpus.groups for r in g.renderings), "no note on a kept claim"
    assert any(r.status == "changed" for g in corpus.groups for r in g.renderings)
    assert any(r.status == "kept" for g in corpus.groups for r in g.renderings)


def test_same_hedge_over_a_different_scope_is_not_a_change() -> None:
    """Both sides hedge with "may", over different words: the hedge was kept, not added."""
    here = "They accept that their ideas may be discarded during multi-objective optimization."
    base = "The work of bright people may have to be put on hold in multi-objective optimization."
    assert "hedge" not in kinds(here, base)
    assert "hedge" in kinds(here, base.replace("may have", "has"))


# -- the bugs the gold showed, on the real sentence shapes -------------------------------------


@pytest.mark.parametrize(
    ("here", "base"),
    [
        ("Nearly one in five adults use the app daily.", "About 18% of adults use the app daily."),
        ("The company was fined $45B for the breach.", "The company was fined 45 billion dollars for the breach."),
        ("The repositories average over 22,000 stars.", "The repositories average 22k+ stars."),
    ],
)
def test_the_same_amount_in_other_words_is_no_number_change(here: str, base: str) -> None:
    assert "number" not in kinds(here, base), compare(here, base, base, CTX)


def test_an_exact_count_must_be_equal() -> None:
    assert "number" in kinds("The study recruited 17 developers.", "The study recruited 16 developers.")


@pytest.mark.parametrize(
    ("here", "base"),
    [
        (
            "The future competition of AI is no longer just a competition on model rankings, but also a "
            "competition of organizational capabilities.",
            "Future AI competition will be a battle of model rankings and a competition of organizational "
            "capabilities.",
        ),
        (
            "Each issue was randomly assigned a rule under which developers can't use AI.",
            "Developers are prohibited from using AI on each randomly assigned issue.",
        ),
        ("So each developer worked on a mix of AI tasks and no-AI tasks.", "Each developer worked on AI tasks."),
        (
            "The regulator says the shop makes it difficult for buyers to contact its support staff.",
            "Buyers cannot easily contact the shop's support staff, the regulator found.",
        ),
    ],
)
def test_negations_that_mean_the_same_are_no_change(here: str, base: str) -> None:
    assert "negation" not in kinds(here, base), compare(here, base, base, CTX)


def test_a_negation_added_to_the_same_words_is_flagged() -> None:
    assert "negation" in kinds(
        "The labs do not hire students for core research.", "The labs hire students for core research."
    )


def test_the_same_source_restated_is_no_attribution_change() -> None:
    base = "The Federal Trade Commission said that nearly one in five adults were targeted."
    assert not {"attribution", "attribution-dropped"} & kinds(
        "According to the FTC, nearly one in five adults were targeted.", base
    )
    assert "attribution" in kinds("According to Reuters, nearly one in five adults were targeted.", base)


def test_curly_apostrophes_match_a_glossary_alias() -> None:
    assert "entity" not in kinds("Alibaba’s Qwen leads the open model rankings.", "Qwen leads the open model rankings.")


@pytest.mark.parametrize("place", ["U.S.", "U.K."])
def test_a_new_abbreviated_name_is_shown_whole(place: str) -> None:
    """The evidence names "U.S." as written, its last full stop included, at a sentence's end too."""
    base = "Labs train their models on clusters in China."
    for here in (
        f"Labs train their models on clusters in the {place}",
        f"In the {place} labs train models on clusters.",
    ):
        (flag,) = [f for f in compare(here, base, base, CTX) if f.kind == "entity"]
        assert flag.here == (place,) and flag.detail.startswith(f"{place} named here")


@pytest.mark.parametrize(
    "here",
    [
        "The Union fined the Korean-owned retailer in March, the European Union said on Monday.",
        "On Monday the European Union fined the U.S.-based retailer.",
    ],
)
def test_dates_descriptors_and_spelled_out_acronyms_are_no_new_names(here: str) -> None:
    """A month or weekday dates a claim, "Korean-owned" describes a party named otherwise, and
    "European Union" is the base's "EU" spelled out: none is a name the wording brings in."""
    base = "The EU fined the retailer."
    assert "entity" not in kinds(here, base), compare(here, base, base, CTX)
    assert "entity" in kinds(here.replace("retailer", "retailer Acme Group"), base)


def test_editors_note_credited_to_the_author() -> None:
    """The base's note (parsed as its own block) says it; this wording has the author say it."""
    note = "The real change in China's AI is that it is no longer simply replicating Silicon Valley."
    here = "Lambert admitted that Chinese AI is not simply copying the Silicon Valley model."
    assert "framing" in {f.kind for f in compare(here, note, note, CTX, editorial=note)}
    assert "framing" not in {f.kind for f in compare(here, note, note, CTX)}  # the author's own words
    plain = "Chinese AI is not simply copying the Silicon Valley model."
    assert "framing" not in {f.kind for f in compare(plain, note, note, CTX, editorial=note)}


def test_a_cause_inside_quotation_marks_is_the_quotes_business() -> None:
    here = "He believed that 'the labs keep up because of their cultural traditions.'"
    base = "The labs keep up, and their cultural traditions fit the task."
    assert "cause" not in kinds(here, base)


def test_softening_is_no_degree_change() -> None:
    """Dropping "at all" or adding "generally" makes a claim weaker, as summaries do."""
    base = "In the US, companies like OpenAI don't offer internships at all."
    assert "degree" not in kinds("In the US, companies like OpenAI don't offer internships.", base)
    base = "Chinese companies have a strong technology ownership mentality."
    assert "degree" not in kinds("Chinese companies generally have a strong technology ownership mentality.", base)


def test_notes_come_back_as_notes() -> None:
    here = "He calls the sector 'a giant ecosystem' of labs."
    flags = compare(here, "The sector is a huge web of labs.", "The sector is a huge web of labs.", CTX)
    assert [(f.kind, f.strength) for f in flags] == [("quote", "note")]
    assert "quote" in NOTES


def test_a_rendering_with_only_notes_is_kept(make_corpus: MakeCorpus) -> None:
    folder = make_corpus(
        {
            "a.txt": "Solar farms in Spain produce cheap power. The sector is a huge web of small firms.",
            "b.txt": "Solar farms in Spain produce cheap power. The sector is 'a giant web' of small firms.",
            "seeds.yml": "base: a\nversions:\n  - {file: a.txt, id: a}\n  - {file: b.txt, id: b}\n",
        }
    )
    corpus = annotate(build_corpus(folder))
    quoted = next(r for g in corpus.groups for r in g.renderings if r.version == "b" and "giant" in r.text)
    assert [f.kind for f in quoted.flags] == ["quote"] and quoted.status == "kept"


def test_fidelity_lists_show_both_wordings_with_the_evidence_marked_and_escaped(make_corpus: MakeCorpus) -> None:
    folder = make_corpus(
        {
            "a.txt": "Labs\n\nSome <i>labs</i> are wary of ByteDance as a competitor. Wind farms supply the grid.",
            "b.txt": "Labs\n\nSome <i>labs</i> hold ByteDance in esteem as a competitor. Wind farms supply the grid.",
            "seeds.yml": "base: a\nversions:\n  - {file: a.txt, id: a}\n  - {file: b.txt, id: b}\n",
        }
    )
    corpus = build_corpus(folder)
    page = fidelity_page(Pages(corpus), corpus.version("b"))
    item = next(line for line in page.splitlines() if "rt-wording" in line)
    assert "<i>" not in item and "&#60;i&#62;labs&#60;/i&#62;" in item
    assert "<mark>esteem</mark>" in item and "<mark>wary</mark>" in item
    assert item.index("<mark>esteem") < item.index("<mark>wary")  # this version's wording, then the base's


def test_the_notes_are_the_kinds_the_dev_rule_gives() -> None:
    """NOTES is what the rule computes from the dev gold (Lambert 001/002 with the glossary, as the
    site builds it, and the dev stories): a detector change that moves a kind's rates across the
    rule fails here until NOTES is updated."""
    corpus = build_corpus(SEEDS)
    dev = FlagRates()
    for path in sorted((Path(__file__).parent / "data" / "lambert").glob("gold-*.json")):
        dev = dev.add(flag_rates(corpus, json.loads(path.read_text(encoding="utf-8"))))
    for name in read_split(STORIES)["dev"]:
        for _, rates in score_story(STORIES / name).values():
            dev = dev.add(rates)
    assert dev.faithful >= 40 and dev.distorted >= 15, "the dev gold was read whole (tests/data/lambert)"
    assert sorted(rule_notes(dev)) == sorted(NOTES)


@pytest.mark.parametrize(
    ("here", "base"),
    [
        # a degree word of the same grade; "at all of the labs" is a quantity, not the degree "at all"
        (
            "The human touch, charm, and genuine warmth of Chinese researchers is extremely humanizing.",
            "The human touch, charm, and genuine warmth of Chinese researchers are incredibly endearing.",
        ),
        (
            "It is fairly well conceptualized and mapped for the Western ecosystem.",
            "In the Western ecosystem, it has been relatively well conceptualized and mapped.",
        ),
        (
            "There's an immediate reality at all of the labs that the core contributors are active students.",
            "A stark reality across all the labs is that the core contributors are still students.",
        ),
        # a denial by meaning on the other side; "nothing but" means "only"
        (
            "Chinese companies don't tend to pay for software.",
            "Chinese companies are generally unwilling to pay for software.",
        ),
        (
            "Everyone is limited in progress by not having more compute.",
            "Everyone's progress is limited by the lack of more compute.",
        ),
        (
            "Across many conversations, it's nothing but respect for peers.",
            "In many conversations, it's respect for peers.",
        ),
        # an acronym the base spells out, a name the base derives a word from
        (
            "Researchers spend meaningful time making the RL training environments.",
            "Researchers spend time creating reinforcement learning training environments themselves.",
        ),
        (
            "This leaves companies like Meituan, where people in the West can be surprised they build models.",
            "Westerners might be surprised that companies like Meituan build models.",
        ),
        # a cause the base gives with "as"; a grade the base also has
        (
            "Leaders doubted it, because it'll take a redesign of the education systems.",
            "Leaders doubted it, as it requires a complete redesign of the education systems.",
        ),
        (
            "Many leaders talk about cultivating a more ambitious research culture.",
            "During several lab visits, many leaders mentioned cultivating a more ambitious research culture.",
        ),
    ],
)
def test_same_meaning_in_other_words_carries_no_flag(here: str, base: str) -> None:
    """Faithful wordings shaped like the translation story's (a retelling's own words for the same
    claim): each once carried a flag."""
    assert not [f for f in compare(here, base, base, CTX) if f.strength == "flag"], compare(here, base, base, CTX)


@pytest.mark.parametrize(
    ("here", "base", "kind"),
    [
        # a higher grade still is a change, and so is a denial the base does not make
        (
            "The warmth of Chinese researchers is completely humanizing.",
            "The warmth of Chinese researchers is slightly endearing.",
            "intensity",
        ),
        ("Chinese companies don't pay for software.", "Chinese companies pay for software.", "negation"),
        ("Researchers built the RL environments.", "Researchers built the robot environments.", "entity"),
    ],
)
def test_other_words_that_change_the_meaning_are_flagged(here: str, base: str, kind: str) -> None:
    assert kind in kinds(here, base), compare(here, base, base, CTX)


def test_an_outlets_own_clause_inside_a_matched_sentence_is_flagged() -> None:
    """A rewrite that keeps the base's scene and adds a metaphor of its own (the sectioned
    rewrite's train sentence) carries an addition flag; the same scene reworded does not."""
    base = (
        "Sitting on the new high-speed train from Hangzhou to Shanghai, I looked out the window and saw "
        "undulating mountain ridges dotted with wind turbines, their silhouettes against the setting sun."
    )
    added = (
        "When Nathan Lambert finished his visit to several top AI laboratories in China and took the high-speed "
        "train from Hangzhou to Shanghai, the fields, high-rise buildings, and wind turbines on the ridges outside "
        "the window were like a microcosm of China's AI development - both solid foundations and vibrant vitality."
    )
    reworded = (
        "On the new fast train from Hangzhou to Shanghai, I looked out of the window at rolling mountain ridges "
        "with wind turbines, dark against the setting sun."
    )
    assert "addition" in kinds(added, base)
    assert "addition" not in kinds(reworded, base)


@pytest.mark.parametrize(
    ("here", "base", "named"),
    [
        # an owner glossing a name, in either apostrophe
        (
            "Chinese AI developers highly value Anthropic's 'Claude' and use it in their work.",
            "Most AI developers in China are fascinated by Claude and use it in their work.",
            "Anthropic's",
        ),
        (
            "Chinese AI developers highly value Anthropic’s Claude and use it in their work.",
            "Most AI developers in China are fascinated by Claude and use it in their work.",
            "Anthropic’s",
        ),
        # a wire dateline (place, date, agency) and a magazine's (place, country) are where the outlet
        # filed from: the dsc and appstores stories' faithful leads were flagged for "Paris", "Horsens";
        # and "the Czech Republic" is Czechia
        (
            "PARIS, May 7 (Reuters) - The Commission decided to refer the Czech Republic to the Court of Justice.",
            "The Commission decided to refer Czechia to the Court of Justice.",
            "the Czech Republic",
        ),
        (
            "HORSENS, Denmark — The Commission decided to refer the Czech Republic to the Court of Justice.",
            "The Commission decided to refer Czechia to the Court of Justice.",
            "the Czech Republic",
        ),
        # a name spelled out after another capitalised word, where the base has its acronym (tiktokdpc)
        (
            "The inquiry found that TikTok infringed the EU General Data Protection Regulation.",
            "The inquiry found that TikTok infringed the GDPR.",
            "the EU General Data Protection Regulation",
        ),
        # a month as news dates abbreviate it (dma)
        ("The consultation is open until Dec. 4.", "The consultation is open until 4 December.", "Dec."),
    ],
)
def test_no_new_name(here: str, base: str, named: str) -> None:
    """None of these wordings names a party the base does not; with `named` swapped for another
    party, each does."""
    assert "entity" not in kinds(here, base)
    assert "entity" in kinds(here.replace(named, "Slovakia and"), base)
