"""A corpus of many versions: overview pages summarise instead of growing with versions x claims."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from retold.pipeline import base_version
from retold.quality.synth import write_corpus
from retold.render.pages.common import AT_A_GLANCE
from retold.render.pages.home import GRID_CELLS

from .conftest import SEEDS
from .sitekit import build_site


def test_many_versions_build_strict_with_summarised_overviews(tmp_path: Path) -> None:
    base = base_version(SEEDS)
    versions = AT_A_GLANCE + 6
    write_corpus(base, tmp_path / "seeds", versions)
    site = build_site(tmp_path / "seeds", tmp_path)

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")

    corpus = json.loads((site / "export" / "corpus.json").read_text(encoding="utf-8"))
    home = soup("index.html")
    cells = home.select(".rt-coverage a.rt-cell")
    assert len(cells) <= GRID_CELLS + len(corpus["claims"])
    # The first row of each strip covers all versions: a cell's share is its claim's.
    carried = {c["id"]: len({r["version"] for r in c["renderings"]}) for c in corpus["claims"]}
    share_cells = [row.select("a.rt-cell") for row in home.select(".rt-strip .rt-row:first-of-type")]
    assert sum(map(len, share_cells)) == len(corpus["claims"])
    for cell in (c for row in share_cells for c in row):
        claim = cell["href"].rstrip("/").rpartition("/")[2]
        assert cell["aria-label"] == f"carried by {carried[claim]} of {versions} versions"
    assert f"all {versions} versions" in home.select_one(".rt-legend").get_text()
    assert len(home.select(".rt-card")) == AT_A_GLANCE
    assert len(soup("versions/index.html").select(".rt-card")) == versions

    dropped = soup("lists/dropped/index.html")
    rows = dropped.select("article table tbody tr")
    assert len(rows) == versions
    for row in rows[1:]:
        href = row.select_one("a")["href"]
        page, _, anchor = href.partition("#")
        assert anchor == "dropped"
        target = BeautifulSoup((site / "lists" / "dropped" / page / "index.html").resolve().read_text(), "html.parser")
        count = int(row.select("td")[1].get_text())
        section = target.find(id="dropped")
        assert section is not None
        # the dropped claims follow, not found then perhaps reworded, up to the next h2
        items = section.find_all_next(["h2", "li"])
        listed = next((n for n, el in enumerate(items) if el.name == "h2"), len(items))
        assert listed == count
    assert not soup("claims/index.html").select(".rt-dot")

    # The sidebar does not list every version (each of those pages would carry all the names);
    # the index page links every version page, and each page exists.
    ids = {v["id"] for v in corpus["versions"]}
    index = soup("versions/index.html")
    nav = {a.get("href") for a in index.select("nav.md-nav--primary a.md-nav__link")}
    assert not nav & {f"{vid}/" for vid in ids}
    assert {a["href"] for a in index.select(".rt-card a[href]")} >= {f"{vid}/" for vid in ids}
    assert all((site / "versions" / vid / "index.html").is_file() for vid in ids)
