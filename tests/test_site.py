"""The rendered site: `mkdocs build --strict` on the seeds, parsed with a real HTML parser."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import BASE_FILE, SEEDS
from .sitekit import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, seeds)
    return build_site(seeds, tmp_path_factory.mktemp("site"))


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def items_under(heading: Tag) -> list[Tag]:
    """The list items after `heading`, up to the next h2 or h3."""
    items = []
    for el in heading.find_all_next(["h2", "h3", "li"]):
        if el.name in ("h2", "h3"):
            break
        items.append(el)
    return items


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on `page` leads to."""
    rel = page.relative_to(site).as_posix()
    url = urlparse(urljoin("http://x/" + rel, href))
    target = site / unquote(url.path).lstrip("/")
    if url.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, url.fragment


def test_every_claim_has_a_page(site: Path) -> None:
    export = json.loads((site / "export" / "corpus.json").read_text(encoding="utf-8"))
    for claim in export["claims"]:
        assert (site / "claims" / claim["id"] / "index.html").is_file(), claim["id"]


def test_every_internal_link_resolves(site: Path) -> None:
    ids_cache: dict[Path, set[str]] = {}
    checked = 0
    for page in site.rglob("*.html"):
        if "assets" in page.parts or page.name == "404.html":
            continue
        for a in html(page).find_all("a", href=True):
            href = a["href"]
            if href.startswith(("http://", "https://", "mailto:", "#", "javascript:")) or href == "":
                continue
            target, fragment = resolve(site, page, href)
            assert target.is_file(), f"{page}: {href}"
            if fragment and target.suffix == ".html":
                ids = ids_cache.setdefault(target, {t["id"] for t in html(target).find_all(id=True)})
                assert fragment in ids, f"{page}: {href}"
            checked += 1
    assert checked > 1000


def test_version_pages_link_every_sentence(site: Path) -> None:
    export = json.loads((site / "export" / "corpus.json").read_text(encoding="utf-8"))
    for v in export["versions"]:
        soup = html(site / "versions" / v["id"] / "index.html")
        sentences = {r["sentence"] for c in export["claims"] for r in c["renderings"] if r["version"] == v["id"]}
        spans = soup.select("span.rt-s[id]")
        assert len(spans) == len(sentences)
        for span in spans:
            link = span.find_next_sibling("a")
            assert link is not None and "rt-x" in link.get("class", []), span["id"]
            assert urljoin(f"versions/{v['id']}/", link["href"]).startswith("claims/")


def test_search_index_holds_claim_pages(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    claim_docs = [d for d in index["docs"] if d["location"].startswith("claims/") and d["location"] != "claims/"]
    assert len({d["location"].split("#")[0] for d in claim_docs}) > 100
    for word in ("Claude", "Huawei", "internships"):
        assert any(word in d["text"] for d in claim_docs), word
    assert "versions/" in {loc.split("#")[0] for loc in locations} or locations


def test_hostile_seed_text_stays_text(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / BASE_FILE, seeds / "base.txt")
    hostile = (
        "A hostile version\n"
        "Attackers write <script>alert(1)</script> into articles. They also use {{ x }} and {% if y %}.\n"
        "Some add [x](javascript:alert(1)) links and <img src=x onerror=alert(2)> tags.\n"
        "---\ntitle: fake front matter\n---\n"
        '--8<-- "/etc/passwd"\n'
    )
    (seeds / "hostile.txt").write_text(hostile, encoding="utf-8")
    (seeds / "seeds.yml").write_text(
        "base: base\nversions:\n  - file: base.txt\n    id: base\n  - file: hostile.txt\n    id: hostile\n"
        "    title: '<b>Bold</b> {{ title }}'\n    url: 'javascript:alert(3)'\n",
        encoding="utf-8",
    )
    site = build_site(seeds, tmp_path)
    for page in site.rglob("*.html"):
        soup = html(page)
        assert soup.title is None or "<" not in soup.title.get_text(), page
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), page
        assert not soup.find_all("img", attrs={"onerror": True}), page
        for a in soup.find_all("a", href=True):
            assert not a["href"].lower().startswith("javascript:"), page
    claims = (
        "<script>alert(1)</script>",
        "{{ x }}",
        "{% if y %}",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(2)>",
        "title: fake front matter",
    )
    heading = '--8<-- "/etc/passwd"'  # a heading: the parallel reader has the base's headings only
    # the parallel reader shows wording as raw HTML, not Markdown
    for page, literals in (("versions", (*claims, heading)), ("compare", claims)):
        text = html(site / page / "hostile" / "index.html").get_text()
        for literal in literals:
            assert literal in text, (page, literal)


def _export(site: Path) -> dict:
    return json.loads((site / "export" / "corpus.json").read_text(encoding="utf-8"))


def test_version_pages_mark_each_sentence_with_its_status(site: Path) -> None:
    """Every sentence of a non-base version carries the status the analysis gave its renderings."""
    export = _export(site)
    for v in export["versions"]:
        if v["base"]:
            continue
        expected: dict[str, str] = {}
        for c in export["claims"]:
            for r in c["renderings"]:
                if r["version"] == v["id"] and expected.get(r["sentence"]) != "changed":
                    expected[r["sentence"]] = r["status"]
        soup = html(site / "versions" / v["id"] / "index.html")
        spans = soup.select("article span.rt-s[id]")
        assert {s["data-status"] for s in spans} <= {"kept", "changed", "added"}
        assert sorted(s["data-status"] for s in spans) == sorted(expected.values())
        assert all(h["data-status"] == "heading" for h in soup.select("article h2[id^=sec-]"))
        # the base claims it drops are on the page, hidden until asked for, and out of search
        gone = soup.select("article .rt-gone[data-status=dropped]")
        dropped = [c for c in export["claims"] if v["id"] in c.get("dropped_by", [])]
        assert len(gone) == len(dropped) > 0
        assert all(g.has_attr("hidden") for g in gone)
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        indexed = " ".join(d["text"] for d in index["docs"] if d["location"].startswith(f"versions/{v['id']}/"))
        words = [" ".join(g.find_all(string=True, recursive=False)).strip()[:50] for g in gone]
        assert all(words) and not any(w in indexed for w in words)
        # those perhaps only reworded are tagged so, as on the dropped list
        tags = Counter(g.select_one(".rt-tag").get_text() for g in gone)
        reworded = len(items_under(html(site / "lists" / "dropped" / "index.html").find(id=f"{v['id']}-reworded")))
        assert tags["perhaps reworded"] == reworded and tags["dropped"] == len(dropped) - reworded
        assert soup.select_one(f"article a[href$='compare/{v['id']}/']") is not None


def test_claim_pages_show_word_level_diffs_against_the_base(site: Path) -> None:
    export = _export(site)
    base = next(v["id"] for v in export["versions"] if v["base"])
    shared = [
        c
        for c in export["claims"]
        if len({r["version"] for r in c["renderings"]}) > 1 and base in {r["version"] for r in c["renderings"]}
    ]
    with_diff = 0
    for c in shared:
        soup = html(site / "claims" / c["id"] / "index.html")
        if soup.select("article .rt-rendering ins, article .rt-rendering del"):
            with_diff += 1
        assert not soup.select("article .rt-base ins, article .rt-base del")  # the base is not diffed against itself
    assert with_diff >= len(shared) / 2, (with_diff, len(shared))


def test_every_non_base_version_has_a_parallel_reader(site: Path) -> None:
    export = _export(site)
    base = next(v for v in export["versions"] if v["base"])
    base_claims = [c for c in export["claims"] if any(r["version"] == base["id"] for r in c["renderings"])]
    claims = {c["id"]: c for c in export["claims"]}
    home = html(site / "index.html")
    for v in export["versions"]:
        if v["base"]:
            continue
        soup = html(site / "compare" / v["id"] / "index.html")
        rows = soup.select("article .rt-pair[data-status]:not(.rt-pair-head)")
        statuses = [r["data-status"] for r in rows]
        # one row per base claim (kept, changed or dropped), plus the claims only versions have
        assert sum(s in ("kept", "changed", "dropped") for s in statuses) == len(base_claims)
        assert {"kept", "dropped"} <= set(statuses)
        for row in rows:
            sides = row.select(":scope > .rt-side")
            assert len(sides) == 2
            claim = claims[row.select_one("a[href*='claims/']")["href"].split("/")[-2]]
            base_text = next((r["text"] for r in claim["renderings"] if r["version"] == base["id"]), None)
            if base_text is not None:  # the base's own wording, shown literally
                assert " ".join(base_text.split()) in sides[0].get_text(), base_text
        assert home.select_one(f"a[href='compare/{v['id']}/']") is not None


def test_parallel_readers_stay_out_of_search(site: Path) -> None:
    """Each repeats the whole base: indexed, a search for any base sentence would list the
    reader of every version besides its own version and claim pages."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("/")[0] for d in index["docs"]}
    assert "versions" in locations and "compare" not in locations


def _fates(export: dict, vid: str) -> Counter[str]:
    """How many claims a version keeps, changes, drops and adds, counted from the export's
    renderings (not from the page), so the cards are checked against the model itself."""
    base = export["base"]
    fates: Counter[str] = Counter()
    for claim in export["claims"]:
        statuses = {r["status"] for r in claim["renderings"] if r["version"] == vid}
        in_base = any(r["version"] == base for r in claim["renderings"])
        if in_base:
            fates["base"] += 1
            fates["changed" if "changed" in statuses else "kept" if statuses else "dropped"] += 1
            assert (vid in claim.get("dropped_by", [])) == (not statuses)
        elif statuses:
            fates["added"] += 1
    return fates


_CARD = re.compile(r"Of the base's (\d+) claims: (\d+) kept · (\d+) changed · (\d+) dropped Plus (\d+) not in the base")
_BASE_CARD = re.compile(r"Base for comparison: (\d+) claims, (\d+) of them in no other version")
_PAGE = re.compile(r"Of the base version's (\d+) claims it keeps (\d+), changes (\d+) and drops (\d+); it adds (\d+)")


def test_version_cards_add_up(site: Path) -> None:
    """Every version card (home and the versions index) and every version page's summary says
    what its numbers count, and they add up: kept + changed + dropped = the base's claims, each
    figure the one the export gives."""
    export = _export(site)
    base = export["base"]
    only_base = sum(1 for c in export["claims"] if {r["version"] for r in c["renderings"]} == {base})
    for page in (site / "index.html", site / "versions" / "index.html"):
        cards = html(page).select("article .rt-card")
        assert len(cards) == len(export["versions"]), page
        for card in cards:
            vid = card.select_one("strong a")["href"].rstrip("/").rsplit("/", 1)[-1]
            text = " ".join(card.get_text(" ").split())
            fates = _fates(export, vid)
            if vid == base:
                m = _BASE_CARD.search(text)
                assert m, text
                assert tuple(map(int, m.groups())) == (fates["base"], only_base), text
                continue
            m = _CARD.search(text)
            assert m, text  # the card names what it counts
            total, kept, changed, dropped, added = map(int, m.groups())
            assert kept + changed + dropped == total == fates["base"], text
            assert (kept, changed, dropped, added) == (
                fates["kept"],
                fates["changed"],
                fates["dropped"],
                fates["added"],
            )
    for v in export["versions"]:
        if v["id"] != base:
            text = " ".join(
                html(site / "versions" / v["id"] / "index.html").select_one("article").get_text(" ").split()
            )
            m = _PAGE.search(text)
            assert m, v["id"]
            total, kept, changed, dropped, added = map(int, m.groups())
            assert kept + changed + dropped == total
            fates = _fates(export, v["id"])
            assert (total, added) == (fates["base"], fates["added"])


def test_search_skips_previous_and_next_and_boosts_claim_pages(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    claim_docs = [d for d in index["docs"] if d["location"].startswith("claims/") and d["location"] != "claims/"]
    assert claim_docs and not any("Previous:" in d["text"] or "Next:" in d["text"] for d in claim_docs)
    assert all(d.get("boost", 1) > 1 for d in claim_docs if "#" not in d["location"])


def test_no_bare_scores_on_claim_pages(site: Path) -> None:
    export = _export(site)
    for c in export["claims"][:40]:
        soup = html(site / "claims" / c["id"] / "index.html")
        for who in soup.select(".rt-who"):
            assert not re.search(r"\b0\.\d\d\b", who.get_text()), who.get_text()


def two_halves(site: Path, page: Path, version: str, halves: tuple[str, str]) -> tuple[dict[str, set[str]], list[Tag]]:
    """The claim ids listed under each half of a version's list on `page` (anchors
    `<version>-<half>`), and the near-miss marks of the second half, checking that only the second
    half's items have one."""
    doc = html(page)
    listed: dict[str, set[str]] = {}
    near_marks = []
    for half in halves:
        heading = doc.find(id=f"{version}-{half}")
        assert heading is not None, (version, half)
        for el in items_under(heading):
            claim = el.find("a", href=re.compile(r"claims/"))
            listed.setdefault(half, set()).add(urlparse(claim["href"]).path.rstrip("/").rsplit("/", 1)[-1])
            near = el.find(class_="rt-near")
            assert (near is not None) == (half == halves[1]), el.get_text()
            near_marks += [near] if near is not None else []
    assert not listed.get(halves[0], set()) & listed.get(halves[1], set())
    return listed, near_marks


def test_dropped_list_sets_apart_claims_perhaps_reworded_with_the_closest_sentence(site: Path) -> None:
    """Each version's dropped claims (the export's `dropped_by`) are listed once, under "not
    found" or "perhaps reworded"; a "perhaps reworded" item quotes a sentence of that version
    and links to that very sentence on its version page."""
    export = json.loads((site / "export" / "corpus.json").read_text(encoding="utf-8"))
    page = site / "lists" / "dropped" / "index.html"
    reworded_total = 0
    for v in export["versions"]:
        if v["id"] == export["base"]:
            continue
        dropped = {c["id"] for c in export["claims"] if v["id"] in c["dropped_by"]}
        listed, near_marks = two_halves(site, page, v["id"], ("not-found", "reworded"))
        assert set().union(*listed.values()) == dropped, v["id"]
        # the export names the same near misses, with the version's closest sentence
        near_in_export = {
            c["id"]: p for c in export["claims"] for p in c["perhaps_reworded_in"] if p["version"] == v["id"]
        }
        assert set(near_in_export) == listed.get("reworded", set()), v["id"]
        assert all(p["sentence"].startswith(f"{v['id']}-") and 0 < p["score"] < 1 for p in near_in_export.values())
        for near in near_marks:
            target, anchor = resolve(site, page, near.a["href"])
            assert target == site / "versions" / v["id"] / "index.html"
            sentence = html(target).find(id=anchor)
            assert " ".join(near.a.get_text().strip("“”").split()) in " ".join(sentence.get_text().split())
        reworded_total += len(near_marks)
    assert reworded_total


def test_added_list_sets_apart_claims_perhaps_rewording_a_base_claim(site: Path) -> None:
    """Each version's claims of its own (claims only it renders) are listed once, under "nothing
    close in the base" or "perhaps rewording a base claim"; the latter quotes a base sentence and
    links to the claim page where the base version words it so."""
    export = json.loads((site / "export" / "corpus.json").read_text(encoding="utf-8"))
    page = site / "lists" / "added" / "index.html"
    rewording_total = 0
    for v in export["versions"]:
        if v["id"] == export["base"]:
            continue
        own = {c["id"] for c in export["claims"] if {r["version"] for r in c["renderings"]} == {v["id"]}}
        listed, near_marks = two_halves(site, page, v["id"], ("new", "rewording"))
        assert set().union(*listed.values()) == own, v["id"]
        # the export marks the same renderings, with the base claim they come near
        rewords = {
            c["id"]: r["perhaps_rewords"]
            for c in export["claims"]
            for r in c["renderings"]
            if r["version"] == v["id"] and r["perhaps_rewords"]
        }
        assert set(rewords) == listed.get("rewording", set()), v["id"]
        claim_ids = {c["id"] for c in export["claims"]}
        assert all(n["claim"] in claim_ids and n["sentence"].startswith(f"{export['base']}-") for n in rewords.values())
        for near in near_marks:
            target, _ = resolve(site, page, near.a["href"])
            base_claim = next(c for c in export["claims"] if target.parent.name == c["id"])
            base_text = next(r["text"] for r in base_claim["renderings"] if r["version"] == export["base"])
            assert " ".join(near.a.get_text().strip("“”").split()) == " ".join(base_text.split())
        rewording_total += len(near_marks)
    assert rewording_total
