"""Canonical places: the district, city and province of a record, from the gazetteer.

A layer on top of the records (the extraction rules never read it). A record's places come, in
this order, from

1. its ``locations`` (each looked up whole in the gazetteer, else scanned for gazetteer names
   inside it: "Xindu District of Chengdu" gives Chengdu),
2. its name and aliases (scanned: "Tongzhou Campus of Renmin University" gives Tongzhou District,
   "Xi'an Metro Line 6" gives Xi'an; a name ending "of <place>" states that place, which wins over a
   place name inside the longer name: "Jinshan Red Cone Forest Park of Hua'an County" is in Hua'an
   County, not in Shanghai's Jinshan; a route's ends in two cities put it in neither, whatever
   stations it lists: "Beijing-Xiong'an intercity railway"),
3. the *frame* of the stretch of text its name stands in (:meth:`PlaceResolver.frames`): a sentence
   opening "In <place>, ..." ("In Qingdao City in east China's Shandong Province, Nidec inaugurated
   its new industrial park"), or a cluster placed in the sentence before its members are listed
   ("A cluster of cultural buildings in Beijing's Tongzhou district ..." then "the A, B and C opened"),
4. the article (:meth:`PlaceResolver.article_city`): the city its title and text name most often
   (counting a district as its city), when one city has at least half of those mentions; the district
   its title names ("Haidian District arranges ...", "... get under way in Wucheng" for "Wucheng
   District"), or else the one its lede places something in.

A district is reported only when the record's own evidence, its frame or its article names one place
below city level that the gazetteer knows (``district: null`` otherwise: never a guess); an article's
district does not reach a record named after the city ("Beijing Industry Museum") unless it is the
title's subject. A name the gazetteer gives several readings ("Chaoyang": a Beijing district and a
city in Liaoning) keeps the readings whose city is the article's, and is dropped when that leaves
more than one; a bare one-word name of a district of another city is a homonym and dropped ("Longhua
Hospital" in Shanghai), a name with its suffix is not ("Hengli Island", "Hua'an County"). A zone over
several cities ("Gui'an New Area") leaves the city unknown.

Supplements in ``patterns/canonical_places.jsonl`` replace the gazetteer entry of the same name
(Xiong'an New Area is a city of its own here); its vocabulary lines hold the words of the phrasings
(:mod:`extractor.canon_text`). This module does not import spaCy.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from extractor.canon_text import (
    Sentence, TextVocabulary, bare_in, frame_phrase, is_cluster, is_enumeration, lede, only_frame_words, sentences,
)
from extractor.gazetteer import Gazetteer, PlaceEntry
from extractor.names import normalise_name

SUPPLEMENT_FILE = "canonical_places.jsonl"
CITY_TYPES = frozenset({"city", "prefecture", "league"})
OWN_CITY_TYPES = frozenset({"municipality", "sar"})  # Beijing, Hong Kong: their own city
DOMINANT_SHARE = 0.5


@dataclass(frozen=True)
class Place:
    """A canonical place; any part may be unknown (None)."""

    district: str | None = None
    city: str | None = None
    province: str | None = None
    level: str = field(default="", compare=False, repr=False)  # "city", "province", "zone" or "" (below city)
    # an article's district: does it reach a record whose name is led by the city's own name ("Beijing
    # Industry Museum", a city-wide institution)? Only when the title's subject is the district
    reaches_city_names: bool = field(default=True, compare=False, repr=False)

    @property
    def city_level(self) -> bool:
        """A city, a province or a named zone: a place a name or title states outright."""
        return bool(self.level)

    def as_dict(self) -> dict:
        return {"district": self.district, "city": self.city, "province": self.province}


def place_of(entry: PlaceEntry) -> Place:
    """The canonical place an entry stands for.

    >>> place_of(PlaceEntry(name="Lucheng", type="town", district="Tongzhou District", city="Beijing",
    ...                     province="Beijing"))
    Place(district='Tongzhou District', city='Beijing', province='Beijing')
    >>> place_of(PlaceEntry(name="Beijing", type="municipality", district=None, city=None, province="Beijing"))
    Place(district=None, city='Beijing', province='Beijing')
    """
    if entry.type == "country":
        return Place()
    if entry.type in OWN_CITY_TYPES:
        return Place(None, entry.name, entry.province, "city")
    if entry.type in CITY_TYPES:
        return Place(None, entry.city or entry.name, entry.province, "city")
    if entry.type in ("province", "autonomous_region"):
        return Place(None, None, entry.province, "province")
    return Place(entry.district, entry.city, entry.province, "zone" if entry.type == "zone" else "")


def load_supplements(folder: Path) -> tuple[PlaceEntry, ...]:
    """The place lines of ``patterns/canonical_places.jsonl``."""
    return _read_supplements(folder)[0]


def load_text_vocabulary(folder: Path) -> TextVocabulary:
    """The vocabulary lines of ``patterns/canonical_places.jsonl`` (``{"vocabulary": NAME, "words": [...]}``)."""
    return _read_supplements(folder)[1]


def _read_supplements(folder: Path) -> tuple[tuple[PlaceEntry, ...], TextVocabulary]:
    path = folder / SUPPLEMENT_FILE
    if not path.is_file():
        return (), TextVocabulary()
    out, words = [], {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        data = json.loads(line) if line.strip() else {}
        if not data or "_comment" in data:
            continue
        try:
            if "vocabulary" in data:
                if set(data) != {"vocabulary", "words"} or not all(isinstance(w, str) for w in data["words"]):
                    raise ValueError("a vocabulary line is {\"vocabulary\": NAME, \"words\": [strings]}")
                words[data["vocabulary"]] = list(data["words"])
            else:
                out.append(PlaceEntry.model_validate(data))
        except ValueError as exc:
            raise ValueError(f"{path}:{lineno}: {exc}") from None
    return tuple(out), TextVocabulary.from_lines(words)


STREET_AFTER = re.compile(r" (?:Jie|Lu|Street|Road|Avenue|Dajie|Xilu|Donglu|Beilu|Nanlu)\b")
STATED_PROVINCE = re.compile(r"\b([A-Z][a-z]+)\s+[Pp]rovince\b")  # "in east China's Fujian province"
# a profile's credit line: who made or supplied the works, whose names often hold another city's
CREDIT_LINE = re.compile(r"(?im)^[ \t•*-]*(?:manufacturers?|clients?|collaborators?|photographs?|photography|engineering|"
                         r"consultants?|landscape|design team|(?:lead |project )?architects?|partners?|developer|"
                         r"main contractor|contractor|structural engineer|m ?& ?e consultant|suppliers?)\s*:[^\n]*$")
BRACKET_TAIL = re.compile(r"\(([A-Z][^()]{1,40})\)\s*$")  # "... (Guangzhou)": the site a name ends with


class PlaceResolver:
    """Looks places up and scans text for them; :meth:`canonical` gives a record's places."""

    def __init__(self, gazetteer: Gazetteer, supplements: Iterable[PlaceEntry] = (),
                 vocab: TextVocabulary = TextVocabulary()):
        self.vocab = vocab
        extra = {(e.name, e.type): e for e in supplements}
        entries = tuple(extra.pop((e.name, e.type), e) for e in gazetteer.entries)
        self.gazetteer = Gazetteer(entries + tuple(extra.values()))
        self.province_of_city = _provinces_of_cities(self.gazetteer.entries)
        self.automaton = ahocorasick.Automaton()
        for surface in self.gazetteer.surfaces():
            self.automaton.add_word(surface.lower(), surface)
        self.automaton.make_automaton()

    @classmethod
    def from_resources(cls, res) -> "PlaceResolver":
        entries, vocab = _read_supplements(res.folder)
        return cls(res.gazetteer, entries, vocab)

    def readings(self, text: str) -> list[Place]:
        """The places a phrase names, looked up whole."""
        return [place_of(e) for e in self.gazetteer.lookup(text)]

    def scan(self, text: str) -> list[tuple[int, int, list[Place]]]:
        """(start, end, readings) of every gazetteer name in ``text``: a whole word, a one-word name only
        as written, longest name at a start first, overlapping shorter names dropped."""
        lowered = text.lower()
        if len(lowered) != len(text):
            return []
        found: list[tuple[int, int, str]] = []
        for end, surface in self.automaton.iter(lowered):
            start = end - len(surface) + 1
            if not _whole_word(text, start, end + 1):
                continue
            if " " not in surface and text[start:end + 1] != surface:
                continue
            if STREET_AFTER.match(text, end + 1):
                continue  # "Suzhou Jie station", "Nanjing Road": a street named after a city
            found.append((start, end + 1, surface))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out, reach = [], -1
        for start, end, surface in found:
            if start >= reach:
                out.append((start, end, self.readings(surface)))
                reach = end
        return out

    def places_in(self, text: str) -> list[tuple[list[Place], bool]]:
        """Readings of a phrase: the whole phrase if the gazetteer knows it, else the names inside it; each
        with whether its name is bare (one word: "Chaoyang", "Hedong", which may be a district of another
        city; "Hengli Island", "Xindu District" are not)."""
        whole = self.readings(text)
        if whole:
            return [(whole, " " not in text.strip())]
        inside = [(r, " " not in text[s:e]) for s, e, r in self.scan(text)]
        named = {r[0].city for r, _ in inside if len(set(r)) == 1 and r[0].city and r[0].city_level}
        if len(named) == 1:  # "Xindu District of Chengdu": the city the phrase names wins
            city = named.pop()
            inside = [([p for p in r if p.city in (city, None)], bare) for r, bare in inside]
        return [(r, bare) for r, bare in inside if r]

    def article_city(self, text: str, title: str | None = None) -> Place:
        """The place an article is about: the city its title and text name most often (counting a
        district or zone as its city) when it has at least half of the mentions, else the province
        named most often the same way; no city when the title names a province and no place in it
        ("Hunan rolls out major projects": the projects are all over Hunan); and its district:

        * *a title's district*: the title names one place below city level, in the article's city
          ("Haidian District arranges 233 investment projects"), also by the bare form of a name the
          text writes with its suffix ("38 projects get under way in Wucheng" and "Wucheng District");
        * *a lede's district*: else the lede (:func:`extractor.canon_text.lede`) places something "in"
          one district of the article's city and the text names no place in another ("Both projects
          were inaugurated on Saturday in Huairou District ...", and later only "Huairou").

        The district reaches every record of the article only when it is the title's subject ("Haidian
        District arranges ...", "Beijing's Haidian District plans ..."); when the title's subject is
        the city and the district qualifies what it names ("Beijing to spend $60 million building
        sub-center's museum and library"), or the district comes from the lede, a record whose name is
        led by the city's own name ("Beijing Industry Museum": a city-wide institution) keeps none."""
        text = CREDIT_LINE.sub("", text)  # "Manufacturers: Shanghai Mu Yi Lumbering": a supplier, not the site
        hits = self.scan(title or "")
        titled = [r for _, _, r in hits if any(p.city or p.province for p in r)]  # not "China"
        titled += self._title_bare_names(title or "", text)
        provincial = {p.province for r in titled for p in r if p.level == "province"}
        local = [r for r in titled if not any(p.level == "province" for p in r)]
        city = None if provincial and not local else _dominant(self._mentions(title, text, "city"))
        stated = {m.group(1) for m in STATED_PROVINCE.finditer(text[:600])} & set(self.province_of_city.values())
        if city and len(stated) == 1 and self.province_of_city.get(city) not in stated | {None}:
            city = None  # "Pingtan ... in east China's Fujian province": not Beijing for a "Haidian" in a name
        province = self.province_of_city.get(city) if city else (
            next(iter(stated)) if len(stated) == 1 else _dominant(self._mentions(title, text, "province")))
        below = [r for r in local if not any(p.level == "city" for p in r)]
        districts = {p.district for r in below for p in r if p.district and p.city == city}
        district = districts.pop() if len(districts) == 1 and len(below) == 1 else None
        if city and not below:
            district = self._lede_district(text, city)
        subject = bool(district) and bool(below) and not _city_subject(title or "", hits)
        return Place(district, city, province, reaches_city_names=subject)

    def _title_bare_names(self, title: str, text: str) -> list[list[Place]]:
        """Readings of the text's suffixed names ("Wucheng District") whose bare form stands in the title
        ("... get under way in Wucheng") when the title's own scan does not cover that word."""
        out, seen = [], set()
        covered = [title[s:e] for s, e, _ in self.scan(title)]
        for start, end, readings in self.scan(text):
            surface = text[start:end]
            for suffix in self.vocab.district_suffixes:
                bare = surface[:-len(suffix) - 1] if surface.lower().endswith(" " + suffix.lower()) else ""
                if bare and bare not in seen and bare_in(title, bare) and not any(bare in c for c in covered):
                    seen.add(bare)
                    out.append(readings)
        return out

    def _lede_district(self, text: str, city: str) -> str | None:
        """The one district of ``city`` the lede places something in, when no place the text names is in
        another."""
        def districts(chunk: str, placed: bool = False) -> list[set[str]]:
            return [{p.district for p in r if p.district and p.city == city and p.level in ("", "zone")}
                    for s, _, r in self.scan(chunk) if not placed or _placed_in(chunk, s)]
        named = set().union(*districts(" \n".join(s.text for s in lede(sentences(text, self.vocab))), True))
        if len(named) != 1:
            return None
        district = named.pop()
        return district if all(d <= {district} or district in d for d in districts(text)) else None

    def _mentions(self, title: str | None, text: str, level: str) -> Counter:
        counts: Counter[str] = Counter()
        for chunk in (title or "", text):
            for _, _, readings in self.scan(chunk):
                values = {getattr(p, level) for p in readings}
                if len(values) == 1 and None not in values:
                    counts[values.pop()] += 1
        return counts

    def frames(self, text: str) -> list[tuple[int, int, Place]]:
        """(start, end, place) of the stretches of ``text`` a phrasing places (the later start wins where
        two overlap):

        * *a sentence frame*: a sentence opening with a place phrase and a comma ("In Qingdao City in east
          China's Shandong Province, Nidec inaugurated ...") places its paragraph and the next one, up to
          the next sentence frame (a round-up: "In A, ...; In B, ...");
        * *a cluster and its members*: a sentence that counts or lists a set of works and puts it "in" a
          district ("A cluster of cultural buildings in Beijing's Tongzhou district has ...") places itself
          and the following sentences up to the one listing the members ("the A, B and C opened ..."),
          when that list is one of the next two sentences, later in its paragraph or opening the next."""
        sents = sentences(text, self.vocab)
        return sorted(self._sentence_frames(text, sents) + self._cluster_frames(sents))

    def _sentence_frames(self, text: str, sents: list[Sentence]) -> list[tuple[int, int, Place]]:
        opened: list[tuple[int, Place]] = []
        for i, s in enumerate(sents):
            span = frame_phrase(s)
            if span is None:
                continue
            phrase = text[span[0]:span[1]]
            hits = self.scan(phrase)
            rest, pos = [], 0
            for start, end, _ in hits:
                rest.append(phrase[pos:start])
                pos = end
            rest.append(phrase[pos:])
            place = self.combine([r for _, _, r in hits], Place()) if hits else Place()
            if (place.city or place.province) and only_frame_words(" ".join(rest), self.vocab):
                opened.append((i, place))
        out = []
        for n, (i, place) in enumerate(opened):
            last_paragraph = _next_paragraph(sents, sents[i].paragraph)
            stop = opened[n + 1][0] if n + 1 < len(opened) else len(sents)
            inside = [s for s in sents[i:stop] if s.paragraph <= last_paragraph]
            out.append((sents[i].start, inside[-1].end, place))
        return out

    def _cluster_frames(self, sents: list[Sentence]) -> list[tuple[int, int, Place]]:
        out = []
        for i, s in enumerate(sents):
            if not is_cluster(s.text, self.vocab):
                continue
            hits = self.scan(s.text)
            place = self.combine([r for _, _, r in hits], Place()) if hits else Place()
            if not (place.district and _placed_in(s.text, hits[0][0])):
                continue
            following = _next_paragraph(sents, s.paragraph)
            same = [t for t in sents[i + 1:] if t.paragraph == s.paragraph]
            opening = [t for t in sents[i + 1:] if t.paragraph == following != s.paragraph][:1]
            members = next((t for t in (same + opening)[:2] if is_enumeration(t.text)), None)
            if members is not None:
                out.append((s.start, members.end, place))
        return out

    def canonical(self, record, article_place: Place = Place(), linear: bool = False,
                  frame: Place = Place()) -> Place:
        """The record's district, city and province (see the module docstring for the order);
        ``linear``: the project is a line, road or railway, which runs through districts (no district);
        ``frame``: the place a phrasing of the text gives the stretch the record's name stands in
        (:meth:`frames`), which stands before the article's."""
        context = _within(frame, article_place)
        found: list[tuple[list[Place], bool]] = []
        for loc in getattr(record, "locations", None) or []:
            found.extend(self.places_in(_text(loc)))
        named, ends = self._name_places(record, context)
        found += named
        if context.city:  # a bare district of another city is a homonym ("Hedong" in Wuzhou); a name with its
            # suffix is not ("... Forest Park of Hua'an County", "Hengli Island")
            found = [([p for p in r if p.city_level or p.city in (context.city, None)] if bare else r, bare)
                     for r, bare in found]
        places = [r for r, _ in found if r]
        if ends and (len(ends) > 1 or linear):
            between = self._between(ends, context, bool(places), [r for r, _ in named if r])
            if between is not None:
                return between
        place = self.combine(places, context)
        if linear:
            return Place(None, place.city, place.province)
        if place.district is None and place.city and place.city == context.city:
            if frame.district and frame.city == place.city:
                return Place(frame.district, place.city, place.province)
            if article_place.district and article_place.city == place.city and (
                    article_place.reaches_city_names or not self._led_by_city(_text(record.name), place.city)):
                return Place(article_place.district, place.city, place.province)
        return place

    def _name_places(self, record, context: Place) -> tuple[list[tuple[list[Place], bool]], list[list[Place]]]:
        """The places the record's name and aliases state (readings, and whether the name is bare: one word,
        a district only where the context's city is known), and the ends of a route its name joins
        ("Neijiang-Dazu Expressway"; not the route a part belongs to: "Pazhou branch line of the
        Guangzhou-Dongguan-Shenzhen Road")."""
        named: list[tuple[list[Place], bool]] = []
        ends: list[list[Place]] = []
        for name in [_text(record.name)] + list(getattr(record, "aliases", None) or []):
            cut = name.find(" of ")
            for start, end, readings in self.places_of_name(name):
                if _in_compound(name, start, end):
                    if cut < 0 or start < cut:
                        ends.append(readings)
                elif context.city or any(p.city_level for p in readings) or " " in name[start:end]:
                    named.append((readings, " " not in name[start:end]))
        return named, ends

    def _led_by_city(self, name: str, city: str) -> bool:
        """The name opens with its city's own name ("Beijing Industry Museum", "the Beijing Library")."""
        hits = self.scan(name)
        opening = name[:hits[0][0]].strip().lower() in ("", "the") if hits else False
        return opening and any(p.level == "city" and p.city == city for p in hits[0][2])

    def _between(self, ends: list[list[Place]], context: Place, located: bool,
                 named: list[list[Place]]) -> Place | None:
        """The place of a route between ``ends`` (a name of two or more places joined by hyphens: a
        place hyphened to a word that is no place, "Singapore-Sichuan Hi-Tech Park", names a partnership,
        not a route). Its ends in two cities: in no city, whatever stations it lists ("Beijing-Xiong'an
        intercity railway"), unless its name narrows it to a part in one of them ("Hefei-Wuhan High-Speed
        Railway (Anhui Section)"); all its ends in the context's city: there; else, when nothing else
        places it, in no place but a shared province. None: the route says nothing."""
        route = {p for r in ends for p in ([_disambiguate(r, context.city)] if len(set(r)) > 1 else r) if p}
        cities = {p.city for p in route if p.city}
        provinces = {p.province for p in route}
        if len(cities) > 1:
            if named and all(any(p.province in provinces for p in r) for r in named):
                return None
            return Place(None, None, provinces.pop() if len(provinces) == 1 and None not in provinces else None)
        if located:
            return None
        in_city = cities == {context.city} and context.city is not None and None not in {p.city for p in route}
        in_province = provinces == {context.province}
        return Place(None, context.city if in_city else None,
                     context.province if in_province or in_city else None)

    def places_of_name(self, name: str) -> list[tuple[int, int, list[Place]]]:
        """Places a project's name states: where it ends in "of <place>" ("... Forest Park of Hua'an
        County", "Nature Park of Langfang City"), that place and the places before it in the same city
        (a place name inside a longer name, "Jinshan Red Cone Forest Park", does not win over the county
        the name says); else those before its first "of" when there are any ("Xiong'an branch of Peking
        University People's Hospital"), else those after it; never a place that ends the name otherwise
        ("Beijing Winter Olympic Park" is not in "Olympic Park")."""
        found = [(s, e, r) for s, e, r in self.scan(name) if e < len(name.rstrip()) or s == 0]
        tail = self._stated_tail(name)
        if tail is not None:
            inside = [(s, e, [p for p in r if _agrees(p, tail[2])]) for s, e, r in found if e <= tail[0]]
            return [f for f in inside if f[2]] + [tail]
        cut = name.find(" of ")
        before = [f for f in found if cut < 0 or f[1] <= cut]
        return before or found

    def _stated_tail(self, name: str) -> tuple[int, int, list[Place]] | None:
        """The place a name ends with after its last "of" (the whole tail a place: "of Hua'an County", "of
        Beijing"; not "of China", a country, nor "of Peking University"), or in brackets: "The Hong Kong
        University of Science and Technology (Guangzhou)" is in Guangzhou."""
        bracket = BRACKET_TAIL.search(name)
        cut = name.rfind(" of ")
        if bracket is None and cut < 0:
            return None
        start = bracket.start(1) if bracket else cut + 4 + (4 if name[cut + 4:].lower().startswith("the ") else 0)
        tail = bracket.group(1) if bracket else name[start:].rstrip()
        readings = [p for p in self.readings(tail) if p.city or p.province]
        return (start, start + len(tail), readings) if readings else None

    def combine(self, found: list[list[Place]], article_place: Place) -> Place:
        """One place from the readings of several mentions (each mention: its readings). A zone the
        gazetteer puts in no one city (a new area over several: "Gui'an New Area") leaves the city
        unknown rather than taking the article's."""
        chosen = [_disambiguate(r, article_place.city) for r in found]
        places = [p for p in chosen if p is not None]
        districts = {p.district for p in places if p.district}
        cities = {p.city for p in places if p.city}
        district = districts.pop() if len(districts) == 1 else None
        if district:
            city = next(p.city for p in places if p.district == district)
        elif len(cities) == 1:
            city = cities.pop()
        elif not cities:
            city = None if any(p.level == "zone" and not p.city for p in places) else article_place.city
        else:
            city = article_place.city if article_place.city in cities else None
        provinces = {p.province for p in places if p.province and (city is None or p.city in (city, None))}
        province = self.province_of_city.get(city) if city else (provinces.pop() if len(provinces) == 1 else None)
        if city and not province:
            province = next((p.province for p in places if p.city == city and p.province), None)
        return Place(district, city, province or (article_place.province if city == article_place.city else None))


def _within(frame: Place, article: Place) -> Place:
    """The context of a record: its frame's place where the frame names a city or another province,
    else the article's (the frame's district, if any, within the article's city)."""
    if frame.city and frame.city != article.city:
        return frame
    if frame.city:
        return Place(frame.district or article.district, article.city, article.province or frame.province)
    if frame.province and frame.province != article.province:
        return Place(None, None, frame.province)
    return article


def _agrees(place: Place, stated: list[Place]) -> bool:
    """``place`` lies in the place a name states (its city, or its province when it states no city)."""
    return any((s.city and place.city == s.city) or (not s.city and s.province and place.province == s.province)
               for s in stated)


def _city_subject(title: str, hits: list[tuple[int, int, list[Place]]]) -> bool:
    """The title opens with a city (or province) as its subject, not as a possessive of the district after
    it ("Beijing to spend ... building sub-center's museum"; not "Beijing's Haidian District plans")."""
    if not hits or not any(p.level in ("city", "province") for p in hits[0][2]):
        return False
    rest = title[hits[0][1]:hits[1][0]] if len(hits) > 1 else title[hits[0][1]:]
    return rest.strip() not in ("'s", "’s", ",", "")


_PLACED_IN = re.compile(r"(?:^|\W)in (?:the )?(?:[A-Z][\w'’-]*['’]s )?$", re.IGNORECASE)


def _placed_in(text: str, start: int) -> bool:
    """The place at ``start`` is the object of "in" ("in Huairou District", "in Beijing's Tongzhou
    district", "in the Beijing Municipal Administrative Center")."""
    return bool(_PLACED_IN.search(text[max(0, start - 60):start]))


def _next_paragraph(sents: list[Sentence], paragraph: int) -> int:
    return next((s.paragraph for s in sents if s.paragraph > paragraph), paragraph)


def _dominant(counts: Counter) -> str | None:
    """The most counted value when it has at least :data:`DOMINANT_SHARE` of the counts and no tie."""
    if not counts:
        return None
    (value, n), total = counts.most_common(1)[0], sum(counts.values())
    if n / total < DOMINANT_SHARE or list(counts.values()).count(n) > 1:
        return None
    return value


def _provinces_of_cities(entries: Iterable[PlaceEntry]) -> dict[str, str | None]:
    """City -> its province (None for a name two provinces' cities share: Fuzhou, Suzhou, Taizhou)."""
    out: dict[str, str | None] = {}
    for e in entries:
        p = place_of(e)
        if p.city and not p.district and (e.type in CITY_TYPES | OWN_CITY_TYPES or e.type == "zone"):
            out[p.city] = p.province if out.get(p.city, p.province) == p.province else None
    return out


def _disambiguate(readings: list[Place], city: str | None) -> Place | None:
    """One reading: the only one, or the only one in the article's city (cities of one name in
    two provinces keep the name and lose the province)."""
    distinct = list(dict.fromkeys(readings))
    if len(distinct) == 1:
        return distinct[0]
    if len({p.city for p in distinct}) == 1 and not any(p.district for p in distinct):
        return Place(None, distinct[0].city, None)
    local = [p for p in distinct if city and p.city == city]
    return local[0] if len(local) == 1 else None


def _in_compound(text: str, start: int, end: int) -> bool:
    """A place joined by a hyphen or dash to another word: an end of a route ("Chengdu-Zigong
    railway"), not where the project is."""
    return text[start - 1:start] in ("-", "\u2013") or text[end:end + 1] in ("-", "\u2013")


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _text(ev) -> str:
    return ev.text if hasattr(ev, "text") else ev["text"]


def place_key(place: Place) -> str:
    """A blocking key: the normalised city (empty when unknown).

    >>> place_key(Place("Tongzhou District", "Beijing", "Beijing"))
    'beijing'
    """
    return normalise_name(place.city or "")
