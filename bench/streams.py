"""The benchmark's three inputs, built deterministically from a seed, from files in this repository and
from text every Python installation carries (never downloaded):

* ``varied``: project news with varied vocabulary. Each article is a headline and paragraphs written
  from sentence templates whose project names (syllables drawn afresh), places (the repository's
  gazetteers: 900 Chinese provinces, cities, districts and townships), head nouns (``patterns/heads.jsonl``),
  amounts, areas, computing power, dates and counts are drawn anew for every sentence, with a third
  of the paragraphs taken from ``corpus/`` with every number re-drawn.
* ``stream``: a realistic news stream: ``PROJECT_SHARE`` (15%) of the documents are ``varied`` project
  news, the rest other prose: paragraphs of the standard library's docstrings and of
  ``pydoc_data.topics`` (the Python language reference) recombined, numbers re-drawn. About 2.3 MB of
  such prose exists in a Python 3.11 installation, so in 10 MB of stream each paragraph recurs about
  four times, in other company.
* ``corpus``: the old benchmark input: paragraphs of the corpus's articles recombined, numbers re-drawn
  (about 2,000 distinct words: spaCy's tokeniser cache almost always hits).

Every builder writes JSONL (``{"id", "text", "published"}``) of at least ``megabytes`` MB of text and
returns ``(bytes of text, documents)``.
"""

from __future__ import annotations

import ast
import json
import random
import re
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_SHARE = 0.15

SYLLABLES = ("an ao bai bei bin chang chen cheng chun da dong feng fu gang gao guang hai han hao he heng hong hua "
             "huai jia jian jiang jin jing kai kang lan li lian lin ling long lu ming nan ning pu qi qian qing "
             "rong rui shan shang sheng shi shu song tai tian tong wan wei wen xi xia xiang xin xing xu ya yang "
             "yi ying yong yu yuan yun ze zhao zhen zheng zhong zhou").split()
ENGLISH = ("Golden Harbor Riverside Silver Lake Green Valley Eastern Star Pearl Bay Sunrise Crystal Northern "
           "Lotus Phoenix Jade Maple Cedar Summit Horizon Orchid Lighthouse Meridian Aurora Granite").split()
TEMPLATES = (
    "The {name} {head} in {place} will be completed by the end of {year}, with a total investment of "
    "{money} billion yuan, the {place2} government said on {weekday}.",
    "Construction of the {name} {head} started on {month} {day}, {pyear}. Covering {area} square meters, it is "
    "expected to open in {month2} {year}.",
    "{place} plans {count} key projects this year with a total investment of {money} billion yuan, "
    "including {count2} new projects.",
    "Phase {phase} of the {name} {head}, which cost about {money} billion yuan, went into operation in "
    "{place} last {month}.",
    "The {name} {head}, dubbed \"{nick}\" by local residents, has a floor area of {area} square meters.",
    "A new computing center in {place} with computing power of {power}P is scheduled to be finished in {year}.",
    "Work on the {name} {head} in {place} is {pct} percent complete and it will be put into use in {year}, "
    "said {person}, an official with the {place2} development and reform commission.",
    "The renovation of {name} Road in {place} will cost {money} million yuan and take {months} months.",
    "Officials said the {name} {head} and the {name2} {head2} are among the {count} major projects of {place}.",
    "Investment in the {name} {head} reached {money} billion yuan in {pyear}, up {pct} percent year on year.",
    "Line {line} of the {place} subway, {km} kilometers long with {count2} stations, opened on {month} {day}.",
    "The {place} {head} project, covering {area} hectares, broke ground on {weekday} and is due in {month2} "
    "{year}.",
)
NEWS = (
    "{person} told reporters that the city would speed up approvals and cut fees for private investors.",
    "The {place} economy grew {pct}.{digit} percent in the first {months} months, according to the statistics "
    "bureau.",
    "More than {count} enterprises signed agreements at the fair, officials in {place} said on {weekday}.",
    "Residents of {place} welcomed the plan, which also promises {count2} new bus routes by {year}.",
)
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
PHASES = "I II III IV 1 2 3".split()
NUMBER = re.compile(r"\d[\d,.]*")


def _gazetteer_places() -> list[str]:
    names = []
    for path in sorted((ROOT / "patterns" / "gazetteer").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            obj = json.loads(line)
            if "name" in obj and obj.get("type") != "country":
                names.append(obj["name"])
    return names


def _project_heads() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "patterns" / "heads.jsonl").open(encoding="utf-8")][1:]
    return [r["word"].title() for r in rows
            if r.get("reading") in ("project", "either") and not r.get("designator") and not r["word"].endswith("s")]


def _vary_numbers(text: str, rng: random.Random) -> str:
    def vary(m: re.Match) -> str:
        return "".join(str(rng.randint(1 if k == 0 else 0, 9)) if c.isdigit() else c for k, c in enumerate(m.group(0)))

    return NUMBER.sub(vary, text)


def _paragraphs_of(texts) -> list[str]:
    return [p.strip() for t in texts for p in re.split(r"\n\s*\n", t) if len(p.strip()) > 40]


def corpus_paragraphs() -> tuple[list[str], list[str]]:
    """The corpus's paragraphs and publication dates."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from extractor.reader import read_articles

    articles = [a for a in read_articles([str(ROOT / "corpus")]) if not hasattr(a, "error")]
    published = sorted({a.published.isoformat() for a in articles if a.published})
    return _paragraphs_of(a.text for a in articles), published


def stdlib_paragraphs() -> list[str]:
    """Paragraphs of the standard library's docstrings (tests left out) and of the language reference's
    topics (``pydoc_data.topics``), in a fixed order."""
    import pydoc_data.topics

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    texts = []
    for path in sorted(stdlib.rglob("*.py")):
        if {"test", "tests", "site-packages", "idle_test"} & set(path.parts):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        texts += [d for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and (d := ast.get_docstring(node))]
    texts += [pydoc_data.topics.topics[k] for k in sorted(pydoc_data.topics.topics)]
    return _paragraphs_of(texts)


class ProjectNews:
    """Project news articles, every name, place and number drawn afresh."""

    def __init__(self, rng: random.Random, corpus: list[str]):
        self.rng, self.corpus = rng, corpus
        self.places, self.heads = _gazetteer_places(), _project_heads()

    def name(self) -> str:
        r = self.rng
        if r.random() < 0.25:
            return r.choice(ENGLISH) + " " + r.choice(ENGLISH)
        return "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3))).title()

    def fill(self, template: str) -> str:
        r = self.rng
        values = {"name": self.name(), "name2": self.name(), "nick": self.name(), "head": r.choice(self.heads),
                  "head2": r.choice(self.heads), "place": r.choice(self.places), "place2": r.choice(self.places),
                  "year": r.randint(2024, 2032), "pyear": r.randint(2015, 2024), "month": r.choice(MONTHS),
                  "month2": r.choice(MONTHS), "day": r.randint(1, 28), "weekday": r.choice(WEEKDAYS),
                  "money": f"{r.randint(1, 900)}.{r.randint(1, 9)}", "area": f"{r.randint(1, 999)},{r.randint(100, 999)}",
                  "count": r.randint(12, 400), "count2": r.randint(2, 60), "phase": r.choice(PHASES),
                  "power": r.randint(50, 9000), "pct": r.randint(2, 95), "digit": r.randint(0, 9),
                  "months": r.randint(3, 30), "line": r.randint(1, 30), "km": r.randint(8, 90),
                  "person": f"{self.name()} {self.name().split()[0]}"}
        return template.format(**values)

    def article(self) -> str:
        r = self.rng
        headline = self.fill(r.choice(TEMPLATES)).split(",")[0].rstrip(".")
        paragraphs = []
        for _ in range(r.randint(3, 8)):
            if r.random() < 0.33:
                paragraphs.append(_vary_numbers(r.choice(self.corpus), r))
            else:
                pool = TEMPLATES if r.random() < 0.7 else NEWS
                paragraphs.append(" ".join(self.fill(r.choice(pool)) for _ in range(r.randint(1, 3))))
        return headline + "\n\n" + "\n\n".join(paragraphs)


def _write(path: Path, megabytes: float, seed: int, published: list[str], next_text) -> tuple[int, int]:
    rng = random.Random(seed)
    size = docs = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < megabytes * 1_000_000:
            body = next_text(rng)
            fh.write(json.dumps({"id": f"bench-{docs:07d}", "text": body, "published": rng.choice(published)},
                                ensure_ascii=False) + "\n")
            size += len(body.encode("utf-8"))
            docs += 1
    return size, docs


def build_input(kind: str, path: Path, megabytes: float, seed: int) -> tuple[int, int]:
    """Write input ``kind`` ('varied', 'stream' or 'corpus') to ``path``; see the module docstring."""
    corpus, published = corpus_paragraphs()
    news = ProjectNews(random.Random(seed + 1), corpus)
    if kind == "varied":
        return _write(path, megabytes, seed, published, lambda rng: news.article())
    if kind == "corpus":
        return _write(path, megabytes, seed, published, lambda rng: "\n\n".join(
            _vary_numbers(p, rng) for p in rng.sample(corpus, rng.randint(3, 9))))
    if kind == "stream":
        prose = stdlib_paragraphs()
        return _write(path, megabytes, seed, published, lambda rng: news.article() if rng.random() < PROJECT_SHARE
                      else "\n\n".join(_vary_numbers(p, rng) for p in rng.sample(prose, rng.randint(3, 12))))
    raise ValueError(f"unknown input kind {kind!r}")
