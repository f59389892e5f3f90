"""Ordinary text never breaks the site: quotes, brackets, long words, the word "index", new
seeds without an entry, UTF-16 files, and a `mkdocs serve` whose rebuild fails."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load
from retold.cli import main
from retold.errors import RetoldError
from retold.files.glossary import load_glossary
from retold.files.lock import LOCK, read_lock
from retold.files.seeds import load_seeds
from retold.pipeline import build_corpus
from retold.render.pages import render_site
from retold.text.slugs import MAX_ID

from .conftest import ROOT
from .sitekit import mkdocs, mkdocs_serve, wait_for, write_config
from .test_site import resolve

BASE = (
    "A headline for the story\n\n"
    "The first claim is made here. A second claim follows it. The third claim closes the story.\n"
)
QUOTED = 'The startup Moonshot AI ("Moonshot") released a new model.'
LONG_WORD = "x" * 300
_CONFIGURED = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in _CONFIGURED]
"""The site's Markdown extensions, as mkdocs.yml lists them."""


def corpus_folder(root: Path, files: dict[str, str]) -> Path:
    seeds = root / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return seeds


def links_resolve(site: Path) -> list[str]:
    """Every relative link and asset of every page that leads nowhere."""
    broken = []
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src")):
            for el in soup.find_all(tag):
                ref = el.get(attr)
                if not ref or urlparse(ref).scheme or ref.startswith("#") or page.name == "404.html":
                    continue
                target, _ = resolve(site, page, ref)
                if not target.exists():
                    broken.append(f"{page.relative_to(site)} -> {ref}")
    return broken


def test_ordinary_text_passes_the_strict_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's cases in one corpus: a quoted alias in parentheses, a 300-character word, a
    seed named index.txt, a new unlisted seed, a source url with a parenthesis; built for a
    project site (SITE_URL), whose 404 page must link below the site's path."""
    seeds = corpus_folder(
        tmp_path,
        {
            "base.txt": BASE,
            "other.txt": BASE.replace("The third", f"{QUOTED} The word {LONG_WORD} is long. The third"),
            "index.txt": "Index.\n\nThe first claim is made here. An index claim nobody else makes.\n",
            "unlisted.txt": "Unlisted\n\nThe first claim is made here. A [bracketed] \\ back*slash* claim.\n",
            "seeds.yml": (
                "base: base\nversions:\n  - file: base.txt\n    id: base\n  - file: other.txt\n    id: other\n"
                "    url: https://en.wikipedia.org/wiki/Moonshot_(company)\n"
            ),
        },
    )
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/retold/")
    proc = mkdocs("build", "--strict", cfg=write_config(seeds, tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr and "Traceback" not in proc.stderr
    assert "unlisted.txt: not listed in seeds.yml" in proc.stderr  # said, at INFO level
    site = tmp_path / "site"
    assert links_resolve(site) == []
    index = site / "versions" / "index.html"
    versions = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    targets = [resolve(site, index, a["href"])[0].relative_to(site) for a in versions.select("article a")]
    listed = {t.parent.name for t in targets if t.parts[0] == "versions"}
    assert {"index-2", "base", "other", "unlisted"} <= listed  # index.txt got an id of its own
    for page in (site / "versions" / "other" / "index.html", site / "index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        text = soup.select_one("article").get_text(" ")
        assert "{.rt-" not in text and '"){' not in text and "](" not in text  # no link syntax left as text
    other = BeautifulSoup((site / "versions" / "other" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert QUOTED in other.get_text()
    assert any(a.get("title", "").endswith(QUOTED.rstrip(".")) for a in other.select("a.rt-x"))
    assert other.find("a", href="https://en.wikipedia.org/wiki/Moonshot_%28company%29")
    assert max(len(p.name) for p in site.rglob("*")) <= MAX_ID + len(".html")
    not_found = (site / "404.html").read_text(encoding="utf-8")
    rooted = re.findall(r'(?:href|src)="(/[^"]*)"', not_found)
    assert rooted and all(ref.startswith("/retold/") for ref in rooted), rooted


PIECES = ["(", ")", '("', '")', "('", "')", "[", "]", "\\", "`", "*", "_", "{", "}", "<", ">", "#", "|", "&", '"', "'"]
WORDS = st.lists(st.sampled_from(["zebracorn", "Moonshot", "valley", "model", "AI", *PIECES]), max_size=8)
SEED_TEXT = st.builds(
    lambda a, opening, b, closing, c: " ".join(["Unusual", *a, opening + " ".join(b) + closing, *c, "text."]),
    WORDS,
    st.sampled_from(['("', "('", "(", '["', "[", '"', "\\", "`", "*"]),
    WORDS,
    st.sampled_from(['")', "')", ")", '"]', "]", '"', "\\", "`", "*"]),
    WORDS,
)
"""Sentences no other version has (so each gets a claim page, labelled with its own text), full
of what Markdown reads as syntax."""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SEED_TEXT, min_size=1, max_size=3))
def test_no_seed_text_breaks_a_link(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    """Every page, rendered with the site's Markdown extensions: each link leads to a
    generated page, and no link syntax is left over as text."""
    root = tmp_path_factory.mktemp("links")
    files = {"base.txt": BASE}
    files |= {f"v{n}.txt": BASE.replace("The third", f"{t} The third") for n, t in enumerate(texts)}
    corpus = build_corpus(corpus_folder(root, files))
    site = render_site(corpus)
    for path, source in site.files.items():
        if not path.endswith(".md"):
            continue
        soup = BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")
        for a in soup.find_all("a"):
            href = a.get("href", "")
            if urlparse(href).scheme or href.startswith("#"):
                continue
            target = (Path(path).parent / href.split("#")[0]).as_posix()
            target = re.sub(r"[^/]+/\.\./", "", target)
            assert target in site.files, (path, href)
        visible = soup.get_text()
        assert "](" not in visible and '"){' not in visible, (path, visible)


def test_strict_build_of_arbitrary_text(tmp_path: Path) -> None:
    """One strict MkDocs build over text made of every character that Markdown treats as syntax."""
    specials = "\"'()[]{}<>\\`*_#|!&;:~^=+-.$%@ “”"
    lines = [f"Claim {c}{c} with {c}mark{c} here ({c}x{c}) [{c}]." for c in specials]
    seeds = corpus_folder(tmp_path, {"base.txt": BASE, "odd.txt": BASE + "\n".join(lines) + "\n"})
    proc = mkdocs("build", "--strict", cfg=write_config(seeds, tmp_path))
    assert proc.returncode == 0 and "WARNING" not in proc.stderr, proc.stderr
    assert links_resolve(tmp_path / "site") == []


def test_long_words_make_short_unique_ids(tmp_path: Path) -> None:
    texts = [f"{'y' * 300}{n} is one long word. Another claim {n}.\n" for n in range(3)]
    seeds = corpus_folder(tmp_path, {"base.txt": BASE, **{f"{'z' * 200}{n}.txt": t for n, t in enumerate(texts)}})
    corpus = build_corpus(seeds)
    ids = [g.id for g in corpus.groups] + [v.id for v in corpus.versions]
    assert len(set(ids)) == len(ids) and max(map(len, ids)) <= MAX_ID
    out = tmp_path / "docs"
    assert main(["--seeds", str(seeds), "--out", str(out)]) == 0  # build.py writes every page
    assert len({p for p in out.rglob("*.md")}) == len(render_site(corpus).files) - 1  # all but the export
    assert max(len(p.name) for p in out.rglob("*")) <= MAX_ID + len(".md")


def test_index_is_never_an_id(tmp_path: Path) -> None:
    seeds = corpus_folder(tmp_path, {"index.txt": "Index.\n\nIndex. A claim.\n", "b.txt": BASE})
    corpus = build_corpus(seeds)
    assert "index" not in {v.id for v in corpus.versions} | {g.id for g in corpus.groups}
    site = render_site(corpus)
    assert "index-2" in site.files["versions/index.md"] and "b.md" in site.files["versions/index.md"]
    (seeds / "seeds.yml").write_text("versions:\n  - file: b.txt\n    id: index\n", encoding="utf-8")
    with pytest.raises(RetoldError, match=r"seeds.yml:2: id 'index' is reserved"):
        build_corpus(seeds)
    (seeds / "seeds.yml").unlink()
    (seeds / LOCK).write_text('{"lock": 1, "claims": {"index": {"version": "b", "text": "x"}}}', encoding="utf-8")
    with pytest.raises(RetoldError, match="claim id 'index' would name an index page"):
        read_lock(seeds / LOCK)


def test_a_manifest_of_only_the_base_is_accepted(tmp_path: Path) -> None:
    seeds = corpus_folder(tmp_path, {"first.txt": BASE, "second.txt": BASE + "More.\n", "seeds.yml": "base: second\n"})
    _, base = load_seeds(seeds, [])
    assert base == "second"
    (seeds / "seeds.yml").write_text("base: third\n", encoding="utf-8")
    with pytest.raises(RetoldError, match="'base' names 'third', which is not the id of any version"):
        load_seeds(seeds, [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    data = BASE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (seeds / "wide.txt").write_bytes(data)
    warnings: list[str] = []
    loaded, _ = load_seeds(seeds, warnings)
    assert warnings == [] and loaded[0].text == BASE


def test_punctuation_only_glossary_names_are_a_clear_error(tmp_path: Path) -> None:
    seeds = corpus_folder(tmp_path, {"glossary.yml": "entities:\n  - name: Moonshot AI\n    aliases: ['...', '!!']\n"})
    with pytest.raises(RetoldError, match=r"glossary.yml:2: the name '...' has no letters or digits"):
        load_glossary(seeds)


def test_serve_keeps_the_last_good_site_while_a_rebuild_fails(tmp_path: Path) -> None:
    seeds = corpus_folder(tmp_path, {"base.txt": BASE, "other.txt": BASE + "A zebracorn claim.\n"})
    cfg = write_config(seeds, tmp_path)
    log = tmp_path / "serve.log"
    with log.open("w") as out, mkdocs_serve(cfg, out) as url:
        assert wait_for(lambda: "Serving on" in log.read_text(), 90), log.read_text()
        (seeds / "seeds.yml").write_text("versions: [\n", encoding="utf-8")
        assert wait_for(lambda: "shows the last version that built" in log.read_text(), 60), log.read_text()
        assert wait_for(lambda: log.read_text().count("Reloading browsers") >= 1, 30), log.read_text()
        page = urllib.request.urlopen(f"{url}versions/other/", timeout=10).read().decode()
        assert "zebracorn" in page and "The last rebuild failed" in page and "seeds.yml" in page
        (seeds / "seeds.yml").unlink()
        assert wait_for(lambda: log.read_text().count("Reloading browsers") >= 2, 60), log.read_text()
        page = urllib.request.urlopen(f"{url}versions/other/", timeout=10).read().decode()
        assert "The last rebuild failed" not in page
    assert "Traceback" not in log.read_text()
