"""The built site in a real browser: Debian's Chromium driven by Playwright, as a reader uses it.

The site is built from the seeds with `mkdocs build --strict` and served from 127.0.0.1. Without
a Chromium or Playwright these tests are skipped, unless RETOLD_BROWSER_TESTS=required (as
`.ci/run` sets it), when they fail instead. axe-core is the `axe.min.js` that the
axe-playwright-python package ships (in the test extra), so the README's one install brings it.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEEDS
from .sitekit import build_site, mkdocs, static_server, write_config

CHROMIUM = os.environ.get("RETOLD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
INSTALL = "pip install -e '.[test]'"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
REQUIRED = os.environ.get("RETOLD_BROWSER_TESTS") == "required"


def _missing() -> str | None:
    """What to install before the browser tests can run, or None."""
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (or set RETOLD_CHROMIUM=/path/to/chrome)"
    if importlib.util.find_spec("playwright") is None or importlib.util.find_spec("axe_playwright_python") is None:
        return f"playwright or axe-playwright-python is not installed: {INSTALL}"
    return None


def _axe_script() -> str:
    """axe-core's script as axe-playwright-python ships it."""
    return str(importlib.resources.files("axe_playwright_python") / "axe.min.js")


if _missing() and not REQUIRED:
    # one skip line for the whole module, saying what to install
    pytest.skip(_missing(), allow_module_level=True)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = _missing()
    if missing:
        pytest.fail(missing)  # only reached when RETOLD_BROWSER_TESTS=required
    seeds = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, seeds)
    site = build_site(seeds, tmp_path_factory.mktemp("site"))
    with static_server(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def corpus(site_url: str) -> dict[str, Any]:
    from urllib.request import urlopen

    return json.loads(urlopen(site_url + "export/corpus.json", timeout=10).read())


def _shared_claim(corpus: dict[str, Any]) -> dict[str, Any]:
    """A claim carried by every version, else by the most versions."""
    return max(corpus["claims"], key=lambda c: len({r["version"] for r in c["renderings"]}))


def test_home_loads_without_console_errors(page: Any, site_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert response.ok
    assert page.locator("h1").count() == 1
    assert page.locator(".rt-cell").count() > 0
    assert errors == []


@pytest.mark.parametrize("query", ["Claude", "Huawei", "internships"])
def test_search_puts_claim_pages_first(page: Any, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    # the index loads in a web worker; a query typed before it is ready is only run once it is
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("el => !/Initializing/.test(el.textContent)", arg=meta.element_handle(), timeout=60000)
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=30000)
    href = first.locator("a").first.get_attribute("href")
    assert "claims/" in href, href
    first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/claims/" in page.url
    assert query.lower() in page.locator("article").inner_text().lower()


def test_claim_links_land_on_the_highlighted_sentence_and_back(page: Any, site_url: str, corpus: dict) -> None:
    claim = _shared_claim(corpus)
    claim_url = f"{site_url}claims/{claim['id']}/"
    page.goto(claim_url)
    blocks = page.locator(".rt-rendering")
    assert blocks.count() >= 2
    for n in range(blocks.count()):
        block = page.locator(".rt-rendering").nth(n)
        words = block.locator("blockquote").evaluate(
            "q => { const c = q.cloneNode(true); c.querySelectorAll('del').forEach(d => d.remove()); "
            "return c.textContent.replace(/\\s+/g, ''); }"
        )
        block.locator(".rt-who a").first.click()
        page.wait_for_load_state()
        anchor = page.url.split("#", 1)[1]
        assert re.fullmatch(r"s\d+", anchor), page.url
        target = page.locator(f"[id='{anchor}']")
        assert target.evaluate("el => el.matches(':target')")
        assert target.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
        assert "".join(target.inner_text().split()) == words  # spaces aside: a removal leaves its own
        page.go_back()
        page.wait_for_load_state()
        assert page.url == claim_url


def test_coverage_cells_lead_to_their_claims(page: Any, site_url: str) -> None:
    page.goto(site_url)
    cells = page.locator("a.rt-cell")
    total = cells.count()
    assert total > 10
    for n in (0, total // 2, total - 1):
        cell = page.locator("a.rt-cell").nth(n)
        label = cell.get_attribute("title").rsplit(" (", 1)[0].rstrip("…")
        cell.click()
        page.wait_for_load_state()
        assert "/claims/" in page.url
        heading = " ".join(page.locator("h1").inner_text().split())
        assert heading.startswith(" ".join(label.split())[:40]), (heading, label)
        page.go_back()


def _axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=_axe_script())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _pages(corpus: dict[str, Any]) -> dict[str, str]:
    other = next(v["id"] for v in corpus["versions"] if v["id"] != corpus.get("base"))
    return {
        "home": "",
        "claim": f"claims/{_shared_claim(corpus)['id']}/",
        "version": f"versions/{other}/",
        "compare": f"compare/{other}/",
        "fidelity": f"fidelity/{other}/",
        "claims": "claims/",
        "reading": "reading/",
        "versions": "versions/",
        "fidelity index": "fidelity/",
        "list": "lists/dropped/",
    }


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations(page: Any, site_url: str, corpus: dict, scheme: str) -> None:
    for name, path in _pages(corpus).items():
        page.goto(site_url + path)
        if scheme == "slate":
            # colours are checked as they end up, not halfway through Material's colour transitions
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
        if name == "version":
            page.locator("button[data-rt-toggle]").click()  # the dropped claims are checked too
        violations = _axe(page)
        assert violations == [], json.dumps([name, scheme, violations])


def test_dark_mode_toggle(page: Any, site_url: str) -> None:
    page.goto(site_url)
    before = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    after = page.evaluate("() => document.body.dataset.mdColorScheme")
    assert {before, after} == {"default", "slate"}
    page.reload()
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == after  # the choice is remembered


@pytest.mark.parametrize("width", [1280, 390])
def test_tables_fit_the_column(browser: Any, site_url: str, corpus: dict, width: int) -> None:
    """Material lets a wide table scroll sideways, which hides its last columns from a reader:
    every page with a table (the fidelity index and pages, Method) fits it at desktop and phone width."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        paths = ["fidelity/", "method/", *(f"fidelity/{vid}/" for vid in _others(corpus))]
        seen = 0
        for path in paths:
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")  # laid out with the stylesheets applied
            hidden = page.evaluate(
                "() => [...document.querySelectorAll('article .md-typeset__scrollwrap')]"
                ".map(t => t.scrollWidth - t.clientWidth)"
            )
            seen += len(hidden)
            assert all(px <= 1 for px in hidden), (path, width, hidden)
        assert seen >= 3  # the fidelity index's two tables and Method's
        # the flags table's headers, on their side on a phone, wrap a long kind's name: its header
        # row stays within ten lines of its text (one line of "Editor's note credited to the
        # author" made it seventeen)
        page.goto(site_url + "fidelity/")
        head = page.locator("article .rt-table thead")
        lines = head.evaluate("h => h.offsetHeight / parseFloat(getComputedStyle(h.querySelector('th')).fontSize)")
        assert lines <= 10, (width, lines)
    finally:
        context.close()


def test_claim_page_sidebar_shows_whole_entries(page: Any, site_url: str, corpus: dict) -> None:
    """The sidebar of a claim page holds the site's sections, not a column of sentence-long claim
    titles cut off at its edges: it needs no scrolling at 1280 x 900 and no entry is clipped."""
    page.goto(f"{site_url}claims/{_shared_claim(corpus)['id']}/")
    sidebar = page.locator(".md-sidebar--primary .md-sidebar__scrollwrap")
    assert sidebar.evaluate("el => el.scrollHeight - el.clientHeight") <= 1
    clipped = page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav__link:visible .md-ellipsis",
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)"
        ".map(e => e.textContent.trim())",
    )
    assert clipped == []
    # the sidebar marks the section the page belongs to (claim pages are not listed in it), and
    # only that one
    page.wait_for_load_state("networkidle")
    active = page.locator(".md-sidebar--primary a.md-nav__link--active")
    assert active.count() == 1 and active.inner_text().strip() == "Claims"
    assert active.get_attribute("aria-current") == "location"
    # a claim page says where it sits: its section on the claims index, and its neighbours
    section = page.locator("article .rt-meta a").first
    href = section.get_attribute("href")
    assert href.startswith("../#"), href
    section.click()
    page.wait_for_load_state()
    assert page.locator(f"article h2#{href.split('#')[1]}").is_visible()


@pytest.mark.parametrize("width", [1000, 1100, 1220, 1280])
def test_claim_pages_leave_no_empty_column(browser: Any, site_url: str, corpus: dict, width: int) -> None:
    """A claim page has no contents to list: no empty contents column beside the wordings (from
    1000 to 1220 px it took a third of the screen), which reach the right of the page's grid."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}claims/{_shared_claim(corpus)['id']}/")
        page.wait_for_load_state("networkidle")
        assert not page.locator(".md-sidebar--secondary").is_visible()
        content, grid = page.locator(".md-content").bounding_box(), page.locator(".md-main__inner").bounding_box()
        assert grid["x"] + grid["width"] - (content["x"] + content["width"]) <= 1, (width, content, grid)
    finally:
        context.close()


_HEADLINE = """() => {
  const h = document.querySelector('article h1');
  const words = [];
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      // a hyphenated word may span two lines: it counts on each
      for (const rect of range.getClientRects()) words.push(Math.round(rect.top));
    }
  }
  const lines = [...new Set(words)].sort((a, b) => a - b);
  const box = h.getBoundingClientRect(), column = h.closest('article').getBoundingClientRect();
  return {lines: lines.length, last: words.filter(t => t === lines[lines.length - 1]).length,
          overflow: Math.max(h.scrollWidth - h.clientWidth, box.right - column.right)};
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_long_claim_headlines_read_whole(browser: Any, site_url: str, corpus: dict, width: int) -> None:
    """The longest claim headlines stay in the column and never end a line on a word alone."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        longest = sorted(corpus["claims"], key=lambda c: len(c["label"]), reverse=True)[:12]
        for claim in longest:
            page.goto(f"{site_url}claims/{claim['id']}/")
            page.wait_for_load_state("networkidle")  # laid out with the stylesheets applied
            headline = page.evaluate(_HEADLINE)
            assert headline["overflow"] <= 1, (claim["id"], width, headline)
            assert headline["lines"] == 1 or headline["last"] >= 2, (claim["id"], width, headline)
    finally:
        context.close()


def test_phone_width_keeps_pages_usable(browser: Any, site_url: str, corpus: dict) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for name, path in _pages(corpus).items():
            page.goto(site_url + path)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (name, overflow)
            assert page.locator("label.md-header__button[for='__drawer']").is_visible(), name
            assert page.locator("h1").is_visible(), name
        page.goto(site_url)
        page.locator("label.md-header__button[for='__drawer']").click()
        assert page.locator("nav.md-nav--primary").first.is_visible()
    finally:
        context.close()


def test_pagefind_option_finds_claims(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """With `pagefind: true`, the search page's Pagefind UI finds the claim pages."""
    seeds = tmp_path_factory.mktemp("pf") / "seeds"
    shutil.copytree(SEEDS, seeds)
    dest = seeds.parent
    proc = mkdocs("build", "--strict", cfg=write_config(seeds, dest, pagefind=True))
    assert proc.returncode == 0, proc.stderr
    assert (dest / "site" / "pagefind" / "pagefind-ui.js").is_file()
    context = browser.new_context()
    page = context.new_page()
    try:
        with static_server(dest / "site") as url:
            page.goto(url + "search/")
            page.locator(".pagefind-ui__search-input").press_sequentially("Huawei", delay=30)
            first = page.locator(".pagefind-ui__result-link").first
            first.wait_for(timeout=30000)
            assert "/claims/" in first.get_attribute("href")
    finally:
        context.close()


def _others(corpus: dict[str, Any]) -> list[str]:
    return [v["id"] for v in corpus["versions"] if not v["base"]]


def test_version_pages_mark_sentences_and_show_dropped_claims_on_request(
    page: Any, site_url: str, corpus: dict
) -> None:
    for vid in _others(corpus):
        page.goto(f"{site_url}versions/{vid}/")
        statuses = page.eval_on_selector_all("article .rt-s[id]", "els => els.map(e => e.dataset.status)")
        assert statuses and set(statuses) <= {"kept", "changed", "added"}, vid
        # kept, changed and added look different, and not by colour alone: the line shape differs
        styles = {
            status: page.locator(f"article .rt-s[id][data-status='{status}']").first.evaluate(
                "el => getComputedStyle(el).textDecorationStyle"
            )
            for status in set(statuses)
        }
        assert len(set(styles.values())) == len(styles), styles
        gone = page.locator("article .rt-gone")
        assert gone.count() > 0 and not gone.first.is_visible()
        toggle = page.locator("button[data-rt-toggle]")
        toggle.focus()
        page.keyboard.press("Enter")  # works by keyboard
        assert toggle.get_attribute("aria-pressed") == "true"
        assert gone.first.is_visible() and gone.last.is_visible()
        page.keyboard.press("Space")
        assert toggle.get_attribute("aria-pressed") == "false" and not gone.first.is_visible()


def test_sentence_links_are_big_enough_to_tap(page: Any, site_url: str, corpus: dict) -> None:
    page.goto(f"{site_url}versions/{_others(corpus)[0]}/")
    sizes = page.eval_on_selector_all(
        "article a.rt-x",
        "els => els.filter(e => !e.closest('.rt-gone')).slice(0, 50).map(e => [e.offsetWidth, e.offsetHeight])",
    )
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes[:5]


def test_claim_pages_show_insertions_and_removals(page: Any, site_url: str, corpus: dict) -> None:
    """Every claim page a version shares with the base is opened: at least half show a diff."""
    base = next(v["id"] for v in corpus["versions"] if v["base"])
    carriers = [{r["version"] for r in c["renderings"]} for c in corpus["claims"]]
    shared = [c for c, vs in zip(corpus["claims"], carriers, strict=True) if base in vs and len(vs) > 1]
    with_diff = 0
    for claim in shared:
        page.goto(f"{site_url}claims/{claim['id']}/", wait_until="domcontentloaded")
        if page.locator("article .rt-rendering:not(.rt-base) ins, article .rt-rendering:not(.rt-base) del").count():
            with_diff += 1
    assert shared and with_diff >= len(shared) / 2, (with_diff, len(shared))
    # columns on a wide screen
    page.goto(f"{site_url}claims/{_shared_claim(corpus)['id']}/")
    tops = page.eval_on_selector_all("article .rt-rendering", "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(set(tops)) < len(tops)


def test_parallel_reader_for_every_version(browser: Any, site_url: str, corpus: dict) -> None:
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for vid in _others(corpus):
                page.goto(f"{site_url}compare/{vid}/")
                row = page.locator("article .rt-pair[data-status='kept']").first
                base, mine = (
                    row.locator(".rt-side").nth(0).bounding_box(),
                    row.locator(".rt-side").nth(1).bounding_box(),
                )
                if width == 1280:
                    assert abs(base["y"] - mine["y"]) < 2 and mine["x"] > base["x"] + base["width"]  # side by side
                else:
                    assert mine["y"] >= base["y"] + base["height"]  # stacked
                overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
                assert overflow <= 1, (vid, width, overflow)
        finally:
            context.close()
    page = browser.new_page()
    page.goto(site_url)
    links = page.eval_on_selector_all("article a[href^='compare/']", "els => els.map(e => e.getAttribute('href'))")
    assert {href.split("/")[1] for href in links} == set(_others(corpus))
    page.close()


_CLIPPED = """() => [...document.querySelectorAll('article *')].filter(el => {
  const s = getComputedStyle(el);
  const clips = /(hidden|scroll|auto|clip)/.test(s.overflowX);
  return clips && el.scrollWidth > el.clientWidth + 1;
}).map(el => el.className || el.tagName)"""

_SKIPPED = """() => [...document.querySelectorAll('.rt-strip-title')]
  .filter(t => !t.checkVisibility({contentVisibilityAuto: true})).length"""

# a cell of a skipped strip may answer its first query with an empty box (it has not been laid
# out yet); an empty box lies over nothing
_OUTSIDE_STRIP = """() => [...document.querySelectorAll('.rt-strip')].flatMap(s => {
  const box = s.getBoundingClientRect();
  return [...s.querySelectorAll('a.rt-cell')].map(c => [c.getAttribute('href'), c.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5))
    .map(([href, r]) => [href, box.top, box.bottom, r.top, r.bottom]);
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_home_grid_fits_its_column(browser: Any, site_url: str, width: int) -> None:
    """Nothing on the home page is cut off by a hidden or scrolling overflow, at desktop and phone width."""
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=width < 500)
    page = context.new_page()
    try:
        page.goto(site_url)
        assert page.evaluate(_CLIPPED) == []
        assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 1
        column = page.locator("article").bounding_box()
        last = page.locator("a.rt-cell").last.bounding_box()
        assert last["x"] + last["width"] <= column["x"] + column["width"] + 1
        # the key comes first, with an entry for every colour of the grid
        key, grid = page.locator(".rt-legend").bounding_box(), page.locator(".rt-coverage").bounding_box()
        assert key["y"] < grid["y"]
        used = set(page.eval_on_selector_all("a.rt-cell", "els => els.map(e => e.classList[1])"))
        keyed = set(page.eval_on_selector_all(".rt-legend .rt-cell", "els => els.map(e => e.classList[1])"))
        assert used <= keyed, used - keyed
        # strips not yet scrolled near keep a height of their own (content-visibility): never less
        # than their cells take, or cells would lie over the links after the grid. On a phone the
        # grid is tall enough that some strips start out skipped (at 1280 px all are near the top)
        if width < 500:
            assert page.evaluate(_SKIPPED) > 0, "no strip is left for later: the grid is laid out up front"
        assert page.evaluate(_OUTSIDE_STRIP) == []
    finally:
        context.close()


def test_claims_filters_work_by_keyboard(page: Any, site_url: str, corpus: dict) -> None:
    page.goto(site_url + "claims/")
    n_versions = len(corpus["versions"])
    total = page.locator("article li:has(.rt-f)").count()
    every = sum(1 for c in corpus["claims"] if len({r["version"] for r in c["renderings"]}) == n_versions)
    page.locator("input[name='rt-filter'][value='all']").focus()
    page.keyboard.press("ArrowDown")  # radio group: arrows move the choice
    assert page.locator("input[name='rt-filter'][value='every']").is_checked()
    assert page.locator("article li:has(.rt-f):visible").count() == every
    assert page.locator(".rt-filter [role='status']").inner_text().startswith(f"{every} of {total}")
    page.keyboard.press("ArrowDown")
    changed = sum(1 for c in corpus["claims"] if any(r.get("status") == "changed" for r in c["renderings"]))
    assert page.locator("article li:has(.rt-f):visible").count() == changed
    vid = _others(corpus)[-1]
    page.locator("select[name='rt-only']").select_option(vid)
    only = sum(1 for c in corpus["claims"] if {r["version"] for r in c["renderings"]} == {vid})
    assert page.locator("article li:has(.rt-f):visible").count() == only
    assert page.locator("input[name='rt-filter'][value='only']").is_checked()
    # sections left empty are hidden with their heading
    for heading in page.locator("article h2:visible").all():
        assert heading.evaluate("h => h.nextElementSibling.querySelector('li:not([hidden])') !== null")
