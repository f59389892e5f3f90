"""The rendered site: `mkdocs build --strict` on the seeds, parsed with a real HTML parser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from .conftest import BASE_FILE, SEEDS
from .sitekit import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, seeds)
    return build_site(seeds, tmp_path_factory.mktemp("site"))


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
    text = html(site / "versions" / "hostile" / "index.html").get_text()
    for literal in (
        "<script>alert(1)</script>",
        "{{ x }}",
        "{% if y %}",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(2)>",
        "title: fake front matter",
        '--8<-- "/etc/passwd"',
    ):
        assert literal in text, literal
