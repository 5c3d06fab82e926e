"""The review report in a real headless Chromium, CSV export, and paging for large batches."""

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from extractor import review
from extractor.reader import read_articles
from extractor.review import build_view, write_review
from extractor.scoring import load_records

SCRIPT_ARTICLE = ("<script>window.__pwned = 1</script> The Xinhe Biomedical Industrial Park will cost "
                  "4.5 billion yuan & be completed in 2026.")
PLANTED = "17.04 billion yuan"  # in dev12, stated of the district: not in gold


ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}  # the code of this checkout, not an installed copy
NO_BROWSER = ("no Chromium for the browser tests: install Debian's chromium (sudo apt-get install chromium) or "
              "Playwright's (.venv/bin/playwright install --with-deps chromium)")


def cli(*args):
    return subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, text=True,
                          env=ENV)


def is_snap(path: str) -> bool:
    """Ubuntu's chromium: the snap itself, or a small wrapper script that runs it (no use headless in a
    container)."""
    real = os.path.realpath(path)
    if real.startswith("/snap/"):
        return True
    try:
        return os.path.getsize(real) < 1_000_000 and b"snap" in open(real, "rb").read()
    except OSError:
        return True


def find_chromium() -> str | None:
    """A Chromium that runs headless: $EXTRACTOR_CHROMIUM, the system's (not a snap), or Playwright's."""
    if os.environ.get("EXTRACTOR_CHROMIUM"):
        return os.environ["EXTRACTOR_CHROMIUM"]
    system = shutil.which("chromium")
    if system and not is_snap(system):
        return system
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as p:
        bundled = p.chromium.executable_path
    return bundled if bundled and os.path.exists(bundled) else None


def need_chromium() -> str:
    """The browser's path; a missing one skips the test with the reason (fails it under CI)."""
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail(NO_BROWSER + " (CI is set: the browser tests must run)")
        pytest.skip(NO_BROWSER)
    return chromium


EMPTY_ARTICLE = "The city council met on Tuesday to discuss the weather and the state of the parks."


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review")
    src = tmp / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for a in read_articles([str(CORPUS / "dev" / "articles")]):
            if a.id.startswith(("dev08", "dev09", "dev12")):
                fh.write(json.dumps({"id": a.id, "text": a.text, "published": a.published.isoformat(),
                                     "title": a.meta["title"]}) + "\n")
        fh.write(json.dumps({"id": "zz_script", "text": SCRIPT_ARTICLE}) + "\n")
        fh.write(json.dumps({"id": "zz_empty", "text": EMPTY_ARTICLE, "title": "Council talks weather"}) + "\n")
    records = tmp / "records.jsonl"
    assert cli("run", str(src), "-o", str(records), "-q").returncode == 0
    lines = [json.loads(x) for x in records.read_text().splitlines()]
    assert not any(r["doc_id"] == "zz_empty" for r in lines)
    text12 = next(json.loads(x)["text"] for x in src.read_text().splitlines() if '"dev12' in x)
    start = text12.index(PLANTED)
    target = next(r for r in lines if r["doc_id"].startswith("dev12") and r["kind"] == "project")
    target["investment"].append({"value": 17_040_000_000, "currency": "CNY", "mod": None, "text": PLANTED,
                                 "start": start, "end": start + len(PLANTED)})
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))
    html = tmp / "review.html"
    result = cli("review", str(records), "--articles", str(src), "--gold", str(CORPUS / "dev"), "-o", str(html))
    assert result.returncode == 0, result.stderr
    assert "5 articles (1 with no records)" in result.stderr
    plain = tmp / "plain.html"
    assert cli("review", str(records), "--articles", str(src), "-o", str(plain)).returncode == 0
    return html, lines, plain


@pytest.fixture(scope="module")
def browser():
    chromium = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(report, browser, tmp_path_factory):
    html = report[0]
    pg = browser.new_page(viewport={"width": 1280, "height": 1000})
    pg.goto(html.as_uri())
    yield pg
    pg.screenshot(path=str(tmp_path_factory.mktemp("shots") / "review.png"), full_page=False)
    pg.close()


def test_highlights_sit_on_the_evidence_text(page, report):
    lines = report[1]
    names = {r["record_id"]: r["name"]["text"] for r in lines}
    marks = page.locator("mark[data-slot=name]")
    checked = 0
    for k in range(marks.count()):
        m = marks.nth(k)
        rid = m.get_attribute("data-record")
        if rid in names and m.get_attribute("data-status") == "":
            # a name may be cut by a nested value mark: the full span is the run of marks of that record
            assert m.inner_text() in names[rid]
            checked += 1
    assert checked >= 5
    hepx = page.locator("section", has_text="dev08_heps_huairou").locator("mark[data-slot=investment]")
    assert hepx.first.inner_text() == "4.8 billion yuan"


def test_planted_false_positive_is_marked_in_text_and_table(page):
    planted = page.locator("mark", has_text=PLANTED)
    assert "fp" in planted.get_attribute("class")
    cell = page.locator("td span.fp", has_text="RMB 17.04 bn")
    assert cell.count() == 1 and cell.get_attribute("title") == "17,040,000,000 CNY"


def test_money_is_human_formatted_with_the_exact_value_on_hover(page):
    heps = page.locator("section", has_text="dev08_heps_huairou").locator("table.records span.v",
                                                                             has_text="RMB 4.8 bn")
    assert heps.first.get_attribute("title") == "4,800,000,000 CNY"
    heps.first.hover()
    assert heps.first.evaluate("e => getComputedStyle(e).cursor") == "help"


def test_clicking_a_highlight_shows_its_record(page):
    page.locator("mark", has_text=PLANTED).click()
    detail = page.locator("#detail")
    assert detail.is_visible() and "FALSE POSITIVE" in detail.inner_text()


def test_script_in_an_article_is_shown_not_run(page):
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 1</script>" in page.locator("section", has_text="zz_script").inner_text()


def test_index_lists_every_article_with_title_and_date_worst_first(page):
    rows = page.locator("table.index tr[data-section]")
    assert rows.count() == 5
    f1s = [float(rows.nth(k).locator("td.f1").inner_text()) for k in range(rows.count())]
    assert f1s == sorted(f1s)
    heps = page.locator("table.index tr", has_text="dev08_heps_huairou")
    assert "Light source reaches construction milestone" in heps.inner_text() and "2021-06-29" in heps.inner_text()
    empty = page.locator("table.index tr", has_text="zz_empty")
    assert "Council talks weather" in empty.inner_text() and "no records" in empty.inner_text()
    assert page.locator("section[data-doc=zz_empty]", has_text="No records were extracted").count() == 1


def _visible_rows(page) -> list[str]:
    rows = page.locator("table.index tr[data-section]")
    return [rows.nth(k).get_attribute("data-section") for k in range(rows.count()) if rows.nth(k).is_visible()]


def test_the_filter_box_narrows_the_index_and_the_articles(page):
    page.fill("#q", "light source")
    (shown,) = _visible_rows(page)
    assert page.locator(f"#{shown}").get_attribute("data-doc").startswith("dev08")
    assert page.locator("section.article:visible").count() == 1
    assert page.locator("#shown").inner_text() == "1 of 5 articles shown"
    page.fill("#q", "")
    page.select_option("#slot", "computing_power")
    assert [page.locator(f"#{s}").get_attribute("data-doc")[:5] for s in _visible_rows(page)] == ["dev09"]
    page.select_option("#slot", "")
    page.check("#fp")  # the planted value, and zz_script's record (the article is not in gold)
    assert sorted(page.locator(f"#{s}").get_attribute("data-doc")[:5] for s in _visible_rows(page)) == [
        "dev12", "zz_sc"]
    page.uncheck("#fp")
    page.check("#empty")
    assert [page.locator(f"#{s}").get_attribute("data-doc") for s in _visible_rows(page)] == ["zz_empty"]
    page.uncheck("#empty")
    assert len(_visible_rows(page)) == 5


def test_back_link_returns_to_the_index(page):
    section = page.locator("section[data-doc=zz_empty]")
    section.scroll_into_view_if_needed()
    section.get_by_role("link", name="all articles").click()
    page.wait_for_timeout(200)
    box = page.locator("#index").bounding_box()
    assert box is not None and box["y"] < 200  # the index is at the top of the window


@pytest.mark.parametrize("width", [1280, 1920])
def test_every_slot_column_is_visible(report, browser, tmp_path, width):
    pg = browser.new_page(viewport={"width": width, "height": 1000})
    pg.goto(report[0].as_uri())
    section = pg.locator("section[data-doc^=dev09]")
    section.scroll_into_view_if_needed()
    headers = section.locator("table.records th")
    assert [headers.nth(k).inner_text() for k in range(headers.count())] == [
        "#", "name", "location", "investment", "area", "computing power", "completion"]
    for k in range(headers.count()):
        box = headers.nth(k).bounding_box()
        assert box is not None and box["width"] > 20 and box["x"] + box["width"] <= width, headers.nth(k).inner_text()
    name_cell = section.locator("table.records td.name").first
    assert name_cell.bounding_box()["height"] < 80  # a name wraps to a few lines at most, not seven
    assert pg.evaluate("document.documentElement.scrollWidth") <= width  # nothing hides behind a scrollbar
    pg.screenshot(path=str(tmp_path / f"review-{width}.png"), full_page=False)
    assert (tmp_path / f"review-{width}.png").stat().st_size > 10_000
    pg.close()


def test_gold_summary_charts_every_slot_with_the_scorers_figures(page, report):
    from extractor.scoring import KINDS, score_documents

    html, lines, _ = report
    docs = {r["doc_id"] for r in lines}
    gold = {d: recs for d, recs in load_records([str(CORPUS / "dev")]).items() if d in docs}
    score = score_documents(load_records([str(html.parent / "records.jsonl")]), gold)
    row = page.locator("#scores tr[data-slot=investment]").locator("td")
    tp, fp, fn = (int(row.nth(k).inner_text()) for k in (1, 2, 3))
    assert (tp, fp, fn) == tuple(sum(getattr(score.slots[(k, "investment")], a) for k in KINDS)
                                 for a in ("tp", "fp", "fn"))
    assert fp == 2  # the planted value, and zz_script's (the article is not in gold)
    bars = page.locator("#scores svg rect.bar[data-slot=investment]")
    assert bars.count() == 3
    widths = [float(bars.nth(k).get_attribute("width")) for k in range(3)]
    assert widths[0] < 300 and widths[1] == 300.0  # precision below 1 (the planted value), recall 1


def test_without_gold_there_is_no_gold_chrome(report):
    html = report[2].read_text(encoding="utf-8")
    for chrome in ("false positive", "missed", 'id="fp"', 'id="fn"', 'id="scores"', "slot F1", ".chip-fp"):
        assert chrome not in html, chrome
    assert 'id="q"' in html and 'id="empty"' in html and "Council talks weather" in html


def test_review_errors_are_one_line_and_exit_2(tmp_path):
    records = str(CORPUS / "seeds" / "gold.jsonl")
    for args, why in [(["--articles", str(tmp_path / "nosuchdir")], "does not exist"),
                      (["--articles", str(CORPUS / "seeds" / "articles" / "manifest.jsonl")], "holds none of")]:
        result = cli("review", records, *args, "-o", str(tmp_path / "r.html"))
        assert result.returncode == 2 and result.stderr.count("\n") == 1 and why in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and not (tmp_path / "r.html").exists()
    result = cli("review", records)  # --articles is required
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--articles" in result.stderr


def test_large_batches_get_one_page_per_article(tmp_path, monkeypatch):
    monkeypatch.setattr(review, "PAGE_LIMIT", 2)
    gold = load_records([str(CORPUS / "seeds")])
    views = [build_view(a.id, a.text, gold.get(a.id, []), None) for a in read_articles([str(CORPUS / "seeds")])]
    files = write_review(views, tmp_path / "review.html", with_gold=False)
    assert len(files) == 1 + len(views)
    index = files[0].read_text()
    for page_file in files[1:]:
        assert f"review_pages/{page_file.name}" in index
        assert "<style>" in page_file.read_text()  # each page is self-contained


def test_csv_export_one_row_a_record(tmp_path):
    out = tmp_path / "records.csv"
    result = cli("export", str(CORPUS / "seeds" / "gold.jsonl"), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 69
    boe = next(r for r in rows if r["name"] == "Beijing BOE Hospital")
    assert boe["locations"] == "Doudian Town | Fangshan District"
    assert boe["investment"] == "5,300,000,000 CNY (APPROX)"
    assert boe["completion"] == "2026-12"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert readme[2] == "```bash" and readme[5] == "```"
    install_run, install_test = readme[3], readme[4]
    assert "python3 -m venv .venv" in install_run and install_run.endswith("extractor run corpus -o output/records.jsonl")
    assert '".[test]"' in install_test and install_test.endswith(".venv/bin/pytest")
    for line in (install_run, install_test):
        assert "apt-get install" in line and "$S apt-get" in line and "echo sudo" in line  # sudo unless root
        assert "pip install" in line and ".venv/bin/pip" in line and "python3 -m pip" not in line
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_test in ci and 'export CI="${CI:-1}"' in ci


def test_a_snap_wrapper_is_not_taken_for_a_browser(tmp_path):
    wrapper = tmp_path / "chromium"
    wrapper.write_text("#!/bin/sh\nexec /snap/bin/chromium \"$@\"\n")
    debian = tmp_path / "chromium-debian"
    debian.write_text("#!/bin/sh\nexec /usr/lib/chromium/chromium \"$@\"\n")
    assert is_snap(str(wrapper)) and not is_snap(str(debian))


def test_a_missing_browser_is_skipped_with_its_reason(tmp_path):
    code = ("import os, pytest, sys; sys.path.insert(0, %r); import test_review as t\n"
            "def test_x(monkeypatch):\n"
            "    monkeypatch.setattr(t, 'find_chromium', lambda: None)\n"
            "    t.need_chromium()\n") % str(ROOT / "tests")
    (tmp_path / "test_x.py").write_text(code)
    env = {k: v for k, v in ENV.items() if k != "CI"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True, env=env)
    assert "1 skipped" in run.stdout and "no Chromium for the browser tests" in run.stdout
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True, env={**env, "CI": "1"})
    assert "1 failed" in run.stdout and "CI is set" in run.stdout
