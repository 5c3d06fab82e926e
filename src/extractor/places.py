"""Place mentions: the places ruler's spans (``doc.spans["loc"]``), filtered against project names,
plus names that the text uses as a place.

A ruler span is no place when it sits inside a project name (but for the name's "of <Name>"
complement), when an organisation word follows it ("Haidian District Government"), when a
capitalised word continues it, or when it opens on "the".

A name is a place, not a project, when the place gazetteer knows it as a whole ("Beijing Municipal
Administrative Center"), when it stands after "located in", when it is an address in a chain
("Cuihu Science and Technology Park, Xibeiwang Town, Haidian District"), or when its head can name
a place ("park", "zone", "station", "line": reading ``either``) and it stands where a place stands
("in the Central Green Forest Park", "from A to Pudong International Airport"). A name whose head
names an institution ("Institute of High Energy Physics") is neither.

Provinces and cities (:meth:`extractor.gazetteer.Gazetteer.is_city_level`) are places but never a
project's location, so they are left out.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from extractor.context import ArticleContext
from extractor.mentions import NameMention
from extractor.names import phrase_regex
from extractor.resources import Resources
from extractor.temporal import calendar_names

ADDRESS_HEADS = ("park", "zone", "valley")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    facility: bool = False  # a built facility used as a landmark ("around the X Convention Center")


class PlaceFinder:
    def __init__(self, res: Resources):
        self.gazetteer = res.gazetteer
        self.calendar = calendar_names(res.temporal)
        self.org_words = frozenset(res.cues.org_words)
        self.built_villages = frozenset(res.cues.built_village_words)  # "the Winter Olympic Village": built
        self.lower_place_heads = frozenset(res.cues.lower_place_heads)
        self.route_parts = frozenset(res.cues.route_parts)
        org_titles = "|".join(sorted((w for w in self.org_words if w.isalpha() and len(w) > 4), key=len, reverse=True))
        self.org_comma = re.compile(rf"\b(?:{org_titles})\b(?:\s+(?:of|for)\s+[A-Z&][\w&\s-]{{0,50}})?,\s*\Z", re.IGNORECASE)
        self.place_heads = frozenset(w for w, h in res.heads.items() if h.reading in ("either", "place"))
        self.project_heads = frozenset(w for w, h in res.heads.items() if h.reading == "project")
        self.road_heads = frozenset(w for w, h in res.heads.items() if h.road)
        self.org_heads = frozenset(w for w, h in res.heads.items() if h.reading == "org")
        self.no_location = frozenset(w for w, h in res.heads.items() if not h.location)
        self.member_re = phrase_regex(res.cues.member_openers)
        self.group_noun_re = phrase_regex(res.cues.group_backref_nouns)

    def places(self, ctx: ArticleContext,
               names: list[NameMention]) -> tuple[list[PlaceMention], list[NameMention], list[PlaceMention]]:
        """Places in text order, the names that remain project names, and the city-level places (no
        project's location, but what a pronoun may refer to: "Beijing opened its first line")."""
        ruler = {(s.start_char, s.end_char) for s in ctx.doc.spans.get("loc", [])}
        candidates = [n for n in names if n.reading != "org"]
        places = self._ruler_places(ctx, candidates)
        projects, as_places = [], []
        stops = _stop_list_spans(ctx.text)
        for n in candidates:
            if any(s <= n.start and n.end <= e for s, e in stops) or self._is_place(ctx, n, places, ruler):
                as_places.append(n)
            else:
                projects.append(n)
        places = self._ruler_places(ctx, projects)
        places.extend(p for n in as_places for p in self._as_place(ctx, n, places))
        places.extend(_route_ends(ctx, projects, places, self.calendar))
        places.extend(self._named_ends(projects, places))
        places.extend(PlaceMention(s, e, ctx.text[s:e]) for s, e in stops
                      if not any(p.start < e and s < p.end for p in places))  # the stops no name took
        places.sort(key=lambda p: (p.start, p.end, p.text))
        places.extend(_districts_of(ctx.text, places))
        places.extend(_starting_areas(ctx.text, places))
        places.extend(self._roads_of_works(projects, places))
        places = _drop_nested(_drop_bracketed_aliases(ctx.text, places))
        local = [p for p in places if not self._city_level(p.text)]
        places = sorted(places + _place_acronyms(ctx.text, local, places), key=lambda p: (p.start, p.end, p.text))
        return [p for p in places if not self._city_level(p.text)], projects, [p for p in places if self._city_level(p.text)]

    def _city_level(self, text: str) -> bool:
        """Provinces and cities are never a project's location (the guide keeps locations below city
        level): the gazetteer says so, or an unknown "<Name> City" (not a "New City")."""
        if self.gazetteer.is_city_level(text) or self.gazetteer.is_city_level(AREA_SUFFIX.sub("", text)):
            return True  # "Beijing", "the Beijing area"
        words = text.split()
        return len(words) >= 2 and words[-1] == "City" and words[-2] != "New" and not self.gazetteer.lookup(text) \
            and all(w[:1].isupper() for w in words)  # (not "the north starting area of X City")

    def _named_ends(self, projects: list[NameMention], found: list[PlaceMention]) -> list[PlaceMention]:
        """"the Kaiping to Taishan section of X": the ends a route part is named by are its places."""
        out = []
        for n in projects:
            m = NAMED_ENDS.match(n.text)
            if m is None or m.group("head").lower() not in self.route_parts:
                continue
            for g in ("a", "b"):
                s, e = n.start + m.start(g), n.start + m.end(g)
                if not any(p.start == s for p in found + out) and not self._city_level(m.group(g)):
                    out.append(PlaceMention(s, e, m.group(g)))
        return out

    def _named_by_place(self, text: str) -> bool:
        """"the Yanqing competition zone", "the Xinzhou industrial park": a lower-case place head
        (cues ``lower_place_heads``) after proper words names a place as surely as a capitalised one;
        "the Shijingshan section", "the Xili campus" name parts, not places."""
        m = LOWER_PLACE_HEAD.match(text)
        return bool(m) and m.group(1) in self.lower_place_heads

    def _roads_of_works(self, projects: list[NameMention], found: list[PlaceMention]) -> list[PlaceMention]:
        """"the Foshan Jihua Road West Extension Project": the road a works name is about is where the
        works sits (its location), without the city before it."""
        out = []
        for n in projects:
            for m in ROAD_WORKS.finditer(n.text):
                words = m.group(1).split()
                while len(words) > 2 and self._city_level(words[0]):
                    words = words[1:]
                road = " ".join(words)
                s = n.start + m.start(1) + m.group(1).index(road)
                if not any(p.start == s for p in found + out):
                    out.append(PlaceMention(s, s + len(road), road))
        return out

    def _is_place(self, ctx: ArticleContext, n: NameMention, places: list[PlaceMention], ruler: set) -> bool:
        if PHASE_OF.search(ctx.text, max(0, n.start - 30), n.start):
            return False  # "the first phase of the Maluan Bay logistics functional zone" is being built
        if n.locative is None and self._listed_member(ctx, n):
            return False  # "23 projects, among them the Yizhuang Comprehensive Bonded Zone": a member
        if n.form == "proper" and BUILT_BEFORE.search(ctx.text, max(0, n.start - 40), n.start) \
                and not self.gazetteer.lookup(n.text) and not self._city_level(n.text):
            return False  # "began construction of the X Demonstration Zone", "to build the Y Park": what is built
        if n.head in self.route_parts and n.complement is not None and n.form == "proper":
            return False  # "in X District and the Xili Lake to Shenzhen University section of Line 7": a works
        if ((n.start, n.end) in ruler and not self._built_village(n.text)) or _in_place_list(ctx.text, n.start, n.end):
            return True
        if self._part_of_project(ctx, n):
            return False  # "the North Zone of the Satellite Development Base" is a part being built
        if n.located_in or n.reading == "place" or _admin_of(ctx, n):
            return True
        if n.form != "proper" and CITY_DESCRIPTION.match(n.text):
            return True  # "Nanjing, the capital city of east China's Jiangsu Province": a city described
        if n.head == "city" and n.text.lower().endswith(" city") and self.gazetteer.is_city_level(n.text[:-5]):
            return True  # "Tianjin City": the city itself
        named = PLACE_OF_PLACE.match(n.text)
        if named and self.gazetteer.lookup(named.group(1)) and self.gazetteer.lookup(named.group(2)):
            return True  # "the Guangdong city of Jiangmen": a city, named with its province
        if n.locative == "strong" or (n.form == "proper" and n.locative == "road") \
                or (n.locative == "place" and n.head in self.road_heads and BETWEEN_BEFORE.search(
                    ctx.text, max(0, n.start - 80), n.start)):  # "the section between A and the X Expressway"
            return True  # "Built around the Baiyun International Convention Center", "on the X expressway"
        if n.reading == "either" and (n.form == "proper" or n.locative is not None):
            return n.locative is not None or self._in_address_chain(ctx, n, places)  # ("in the ancient city of X")
        return self._in_address_chain(ctx, n, places)

    def _listed_member(self, ctx: ArticleContext, n: NameMention) -> bool:
        """The name stands in a list opened by a member opener right after a group noun ("projects,
        including", "projects, among them"), in the same sentence."""
        sent_start = ctx.sents[n.sent].start_char
        before = ctx.text[sent_start : n.start]
        opener = None
        for opener in self.member_re.finditer(before):
            pass
        if opener is None or ";" in before[opener.end():] or len(before) - opener.end() > 150:
            return False
        return bool(self.group_noun_re.search(before[max(0, opener.start() - 40) : opener.start()]))

    def _part_of_project(self, ctx: ArticleContext, n: NameMention) -> bool:
        """A zone, area or block *of* a named project is a part of that project, not a place."""
        if n.complement is None:
            return False
        last = ctx.text[n.complement[0] : n.complement[1]].split()[-1].lower()
        return last in self.project_heads

    def _as_place(self, ctx: ArticleContext, n: NameMention, found: list[PlaceMention]) -> list[PlaceMention]:
        """The places a name stands for: the name up to its "of <Name>" complement, when that part is
        a proper place name ("Nangang Industrial Zone" of Binhai New Area; not a plot code, "A1 plot",
        nor a lower-case "Shijingshan section"), and the complement when it names a place itself
        ("Cuihu Science and Technology Park")."""
        if n.head in self.no_location:
            return []  # "transfer to Line 13": a line is context, not where a project sits
        out = []
        if n.head in self.org_heads:  # "China Academy of Art Campus Station": one place named after the academy
            return [PlaceMention(n.start, n.end, n.text)]
        if _admin_of(ctx, n):
            return [PlaceMention(n.complement[0], n.complement[1], ctx.text[n.complement[0] : n.complement[1]])]
        cut = n.text.rfind(" of ", 0, n.complement[0] - n.start + 1) if n.complement else -1
        head_part = n.text[:cut] if cut > 0 else n.text
        if (_proper_head(ctx, n) or (self._named_by_place(head_part) and not _place_apposition(ctx.text, n.start, found))) and any(
                w[:1].isupper() and not any(ch.isdigit() for ch in w) for w in head_part.split()):
            out.append(PlaceMention(n.start, n.start + len(head_part), head_part,
                                    n.reading == "project" and n.head not in self.road_heads))
        if cut > 0:
            c_start, c_end = n.complement
            last = ctx.text[c_start:c_end].split()[-1].lower()
            if not any(p.start >= c_start and p.end <= c_end for p in found) and last in self.place_heads:
                out.append(PlaceMention(c_start, c_end, ctx.text[c_start:c_end]))
        return out

    def _ruler_places(self, ctx: ArticleContext, names: list[NameMention]) -> list[PlaceMention]:
        out = []
        doc = ctx.doc
        name_starts = [n.start for n in names]
        for span in doc.spans.get("loc", []):
            s, e = span.start_char, span.end_char
            k = bisect.bisect_right(name_starts, s) - 1
            inside = names[k] if k >= 0 and names[k].start <= s and e <= names[k].end else None
            if inside is not None and not (inside.complement and inside.complement[0] <= s) \
                    and not POSSESSIVE_PLACE.match(ctx.text, e):
                continue  # a place inside a name is no place, but in its complement or as its possessor
            if any(doc[k].lower_ in self.org_words for k in range(span.end, min(span.end + 2, len(doc)))):
                continue  # "Hongqiao CBD administrative committee": an organisation's name
            if self._built_village(span.text):
                continue  # "the Winter Olympic Village", "the Media Village": works, not where something sits
            if self._after_other_province(ctx, span):
                continue  # "Shandong Taishan beat Beijing Guoan": a club, not Guangdong's Taishan
            if span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].is_alpha \
                    and not doc[span.end].is_sent_start:
                continue
            text = ctx.text[s:e]
            if text.lower().startswith("the ") or self._in_org_title(ctx, span.start) or _attributive(ctx, span) \
                    or PREDICATE.search(ctx.text, max(0, s - 40), s) or _label(ctx.text, s, e):
                continue
            out.append(PlaceMention(s, e, text))
        return out

    def _built_village(self, text: str) -> bool:
        """A village that is built, not lived in: its name holds a ``built_village_words`` word."""
        words = text.lower().split()
        return len(words) >= 2 and words[-1] == "village" and any(w in self.built_villages for w in words[:-1])

    def _after_other_province(self, ctx: ArticleContext, span) -> bool:
        """A one-word place right after a province or city name it is not in ("Shandong Taishan")."""
        if span.start == 0 or span.end - span.start != 1:
            return False
        before = ctx.doc[span.start - 1]
        outer = [e for e in self.gazetteer.lookup(before.text) if e.type in ("province", "municipality", "city")]
        inner = self.gazetteer.lookup(span.text)
        if not outer or not inner or before.whitespace_ == "":
            return False
        names = {e.name for e in outer}
        return not any(e.province in names or e.city in names for e in inner)

    def _in_org_title(self, ctx: ArticleContext, i: int) -> bool:
        """"the Management Committee of Zhongguancun Mentougou Park", "Bureau of Foreign Trade,
        Cangshan District": a place in an organisation's title or address."""
        T = ctx.tok
        ss = ctx.bounds[i][0] if i < len(ctx) else 0
        k = i - 1
        if k >= ss and T[k].lower_ == "the":
            k -= 1
        if k - 1 >= ss and T[k].lower_ == "of" and T[k - 1].lower_ in self.org_words:
            return True
        # "Bureau of Foreign Trade & Economic Cooperation, Cangshan District": the office's address
        start = T[i].idx if i < len(ctx) else len(ctx.text)
        return bool(self.org_comma.search(ctx.text, max(0, start - 70), start))

    @staticmethod
    def _in_address_chain(ctx: ArticleContext, n: NameMention, places: list[PlaceMention]) -> bool:
        """'Cuihu Science and Technology Park, Xibeiwang Town, Haidian District': a park used as an address."""
        if n.head not in ADDRESS_HEADS:
            return False
        if not ctx.text[n.end : n.end + 3].startswith(", "):
            return False
        return any(p.start == n.end + 2 for p in places)


PHASE_OF = re.compile(r"\bphase\s+of\s+(?:the\s+)?\Z", re.IGNORECASE)
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")


def _place_acronyms(text: str, places: list[PlaceMention], taken: list[PlaceMention]) -> list[PlaceMention]:
    """"Suzhou New District (SND)" defines SND: its later stand-alone uses are that place too (only
    below city level: "Hong Kong (HK)" is no location)."""
    out: list[PlaceMention] = []
    for p in places:
        m = ACRONYM_AFTER.match(text, p.end)
        if m is None or "".join(w[0] for w in p.text.split() if w[:1].isupper()) != m.group(1):
            continue
        for use in re.finditer(rf"(?<![\w-]){m.group(1)}(?![\w-])", text):
            if use.start() != m.start(1) and not any(q.start <= use.start() < q.end for q in taken + out):
                out.append(PlaceMention(use.start(), use.end(), use.group(0)))
    return out


DISTRICTS_OF = re.compile(r"\bthe\s+(?:districts|counties|towns|townships|villages|subdistricts)\s+of\s+"
                          r"((?:[A-Z][\w'’-]*(?:\s*,\s*|\s+and\s+)){1,8}[A-Z][\w'’-]*)")


def _districts_of(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """"the districts of Chang'an, Beilin and Yanta": each name of the list is a place."""
    out = []
    for m in DISTRICTS_OF.finditer(text):
        for w in re.finditer(r"[A-Z][\w'’-]*", m.group(1)):
            s, e = m.start(1) + w.start(), m.start(1) + w.end()
            if not any(p.start <= s < p.end for p in found):
                out.append(PlaceMention(s, e, w.group(0)))
    return out


STARTING_AREA = re.compile(r"\b(?:(?:north|south|east|west|northern|southern|eastern|western|central|core)\s+)?"
                           r"(?:starting|start-up|startup)\s+area\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _starting_areas(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """"the south starting area of CSGKC", "the start-up area of the Xiong'an New Area": a part of a
    new town named by its role is a place (not a capitalised name, so no ruler finds it)."""
    return [PlaceMention(m.start(), m.end(), m.group(0)) for m in STARTING_AREA.finditer(text)
            if not any(p.start <= m.start() < p.end for p in found)]


BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?[A-Z][^,;.]{0,60}\s+and\s+(?:the\s+)?\Z")
ROAD_WORKS = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,3}(?:Road|Street|Avenue|Boulevard|Expressway|Highway))\s+"
                        r"(?i:(?:(?:East|West|North|South|Eastern|Western|Northern|Southern|Middle)\s+)?"
                        r"(?:Extension|Widening|Renovation|Reconstruction|Upgrading|Upgrade|Improvement|Expansion|"
                        r"Overhaul|Rebuilding|Section|Repair|crossing|Expressway|Elevated|Tunnel))\b")  # ("Huijin Road
# upgrade", "Fudong Road crossing channel", "Jungong Road Expressway": the road the works is on)


def _drop_nested(places: list[PlaceMention]) -> list[PlaceMention]:
    """A place found inside a longer place is part of its name ("High-Tech Industrial Development
    Zone" in "Xiong'an High-Tech Industrial Development Zone"), not a second place."""
    return [p for p in places if not any(q.start <= p.start and p.end <= q.end and (q.start, q.end) != (p.start, p.end)
                                         for q in places)]


def _drop_bracketed_aliases(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """A place in brackets right after another place is another name of it ("Bajia East-West Line
    (Yuequan Road)"), not a second place."""
    out: list[PlaceMention] = []
    for p in places:
        if out and text[out[-1].end : p.start].strip() == "(" and text[p.end : p.end + 1] == ")":
            continue
        out.append(p)
    return out


def _attributive(ctx: ArticleContext, span) -> bool:
    """"the Shijingshan section of the river": a one-word place between "the" and a lower-case noun
    qualifies that noun; it is not where something sits."""
    T = ctx.tok
    if span.end - span.start != 1 or span.start == 0 or span.end >= len(ctx):
        return False
    return T[span.start - 1].lower_ == "the" and T[span.end].is_alpha and T[span.end].is_lower


ADMIN_HEADS = frozenset({"village", "town", "township", "county", "district"})


def _admin_of(ctx: ArticleContext, n: NameMention) -> bool:
    """"the village of Huangyantou": a lower-case administrative word "of" a proper name is that place."""
    return n.complement is not None and n.head in ADMIN_HEADS and ctx.tok[n.start_tok].is_lower \
        and ctx.text[n.complement[0]].isupper()


LOWER_PLACE_HEAD = re.compile(r"^(?:[A-Z][\w'’-]*\s+){1,3}(?:[a-z][\w-]*\s+){0,3}([a-z]+)$")


BUILT_BEFORE = re.compile(r"\b(?:(?:construction|building)\s+of|(?:build|builds|built|construct|constructs|constructed)"
                          r"(?:\s+(?:a|an))?)\s+(?:the\s+)?(?:new\s+)?\Z")  # (lower case: "Joint Construction of" titles a document)
NAMED_ENDS = re.compile(r"(?:the\s+)?(?P<a>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+to\s+(?P<b>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
                        r"\s+(?P<head>[A-Za-z]+)\b")
APPOSITION_BEFORE = re.compile(r",\s*(?:the\s+)?\Z", re.IGNORECASE)


def _place_apposition(text: str, start: int, found: list[PlaceMention]) -> bool:
    """"the Tianfu New Area, the Chengdu development zone where it is located": a lower-case place
    description set after a named place describes that place; it is no second location."""
    m = APPOSITION_BEFORE.search(text, max(0, start - 8), start)
    return m is not None and any(p.end == m.start() for p in found)


def _proper_head(ctx: ArticleContext, n: NameMention) -> bool:
    """Whether the name's head word is capitalised ("Central Green Forest Park", "Line 17")."""
    words = ctx.text[n.start : n.complement[0] if n.complement else n.end].split()
    heads = [w for w in words if w.lower().strip("(),") == n.head]
    return bool(heads) and heads[-1][:1].isupper()


PLACE_LIST_END = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+other\s+(?:areas|places|regions|districts|zones|parks|towns|"
                            r"locations|cities|provinces)\b", re.IGNORECASE)
LIST_ITEM_GAP = re.compile(r"[^.;:!?\n]{0,160}")


def _in_place_list(text: str, start: int, end: int) -> bool:
    """"concentrate on the Lize Business District, Zhongguancun Fengtai Garden, the South Central
    Axis and other areas": the items of a list closed by "and other areas" are places."""
    m = LIST_ITEM_GAP.match(text, end)
    tail = text[end : m.end()] if m else ""
    for close in PLACE_LIST_END.finditer(tail):
        return "," in tail[: close.start()] or close.start() == 0 or bool(re.match(r"\s*,", tail))
    return False


CITY_DESCRIPTION = re.compile(r"(?:[a-z-]+\s+){0,2}?(?:capital\s+city|capital|city|county\s+seat)(?:\s+of\b|$)")
PLACE_OF_PLACE = re.compile(r"^(.+?)\s+(?:city|county|town|province|district)\s+of\s+(.+)$")
POSSESSIVE_PLACE = re.compile(r"['’]s\b")  # "Lianggang Avenue's Upgrade": the works' place
AREA_SUFFIX = re.compile(r"\s+(?:area|region)$", re.IGNORECASE)
# "the boulevard will become a 12-kilometer Star Avenue of Science": what a project becomes is no place
PREDICATE = re.compile(r"\b(?:become|becomes|became|turn into|turned into)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}$",
                       re.IGNORECASE)
_CAPS = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_SIDE = (r"(?:\s+in\s+the\s+(?:far\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?(?:\s+suburbs)?"
         r"|\s+in\s+[A-Z][\w'’-]*(?:\s+(?:District|County|New\s+Area))?)?")  # "from Suzhuang in Fangshan to Yanhua"
ROUTE = re.compile(rf"\bfrom\s+(?:the\s+)?(?P<a>{_CAPS}){_SIDE}\s+(?:through\s+)?to\s+(?:the\s+)?(?P<b>{_CAPS})")
BETWEEN_ENDS = re.compile(rf"\bbetween\s+(?:the\s+)?(?P<a>{_CAPS})\s+and\s+(?:the\s+)?(?P<b>{_CAPS})")
# "Line 3, which connects Dongsi Shitiao to Dongbabei", "links two transport hubs, A and B": the ends a line links
LINKS_ENDS = re.compile(rf"\b(?:connects?|connecting|connected|links?|linking|linked)\s+(?:(?:the\s+)?(?:two|both)\s+[a-z]+(?:\s+[a-z]+)?,\s+)?"
                        rf"(?:the\s+)?(?P<a>{_CAPS})\s+"
                        rf"(?:to|with|and)\s+(?:the\s+)?(?P<b>{_CAPS})")
# "Line 8 starts at Xijinqiao ... and ends at Chefang": a line's terminals
TERMINAL = re.compile(rf"\b(?:[Ss]tarts|[Ss]tarted|[Ss]tarting|begins|began|[Bb]eginning|originates|terminates|ends|ended|[Ee]nding)\s+at\s+(?:the\s+)?(?P<a>{_CAPS})")


# "The section has six stations: Huzhou, Deqing, Hangzhou West ... and Tonglu": a line's stops are places
STOP_LIST = re.compile(r"\b(?:(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:new\s+)?"
                       r"(?:stations|stops)\b[^:.;\n]{0,40}:\s*"
                       r"|(?:[Ii]ts|[Tt]heir|[Tt]he\s+line's)\s+(?:stations|stops)\s+(?:are|include|will\s+be)\s*:?\s*)")
# (a bulleted list goes on line by line: "Its stops are:\n • Dongdaqiao (interchange with Line 6)\n • Jingguang Qiao")
STOP_ITEM = re.compile(r"(?:[•*·-][ \t]*)?(?:the\s+)?([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*(?:[ \t]+(?:[Ss]tation|[Ss]top))?)"
                       r"(?:[ \t]*\([^()]{0,40}\))?")
STOP_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|[ \t]*\n[ \t]*(?=[•*·-])")


def _stop_list_spans(text: str) -> list[tuple[int, int]]:
    """The items of a line's listed stops (up to twenty)."""
    return [span for _, items in stop_lists(text) for span in items]


@functools.lru_cache(maxsize=4)
def stop_lists(text: str) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
    """Each listed-stops opener ("six stations:", "Its stops are:") with its items' spans (kept for the
    article's text: the place finder and the assigner both read them, the text is scanned once)."""
    out = []
    for m in STOP_LIST.finditer(text):
        pos, items = m.end(), []
        for _ in range(20):
            item = STOP_ITEM.match(text, pos)
            if item is None:
                break
            items.append(item.span(1))
            sep = STOP_SEPARATOR.match(text, item.end())
            if sep is None:
                break
            pos = sep.end()
        out.append((m.start(), tuple(items)))
    return tuple(out)


def _route_ends(ctx: ArticleContext, names: list[NameMention], found: list[PlaceMention],
                calendar: frozenset[str] = frozenset()) -> list[PlaceMention]:
    """"running from Dongsishitiao (in the northwest) to Dongba North", "starts at A ... ends at B":
    the capitalised ends of a route are places, known to the gazetteer or not (but never a project
    name, save in its complement: "the section from A to B of X", nor a place already found)."""
    out = []
    ends = [m.span(g) for r in (ROUTE, BETWEEN_ENDS, LINKS_ENDS) for m in r.finditer(ctx.text) for g in ("a", "b")]
    ends += [m.span("a") for m in TERMINAL.finditer(ctx.text)]
    for s, e in ends:
        if any(n.start < e and s < n.end and not (n.complement and n.complement[0] <= s and e <= n.complement[1])
               for n in names) or any(p.start < e and s < p.end for p in found) \
                or ctx.text[s:e].split()[0].lower().rstrip(".") in calendar:
            continue  # ("from January to July": a period, not a route)
        out.append(PlaceMention(s, e, ctx.text[s:e]))
    return out


def _label(text: str, start: int, end: int) -> bool:
    """A line's label ("- Land area: 30,000 sqm"), not a place."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[end : end + 1] == ":" and not text[line_start:start].strip(" -•*\t")
