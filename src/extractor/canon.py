"""Canonical places: the district, city and province of a record, from the gazetteer.

A layer on top of the records (the extraction rules never read it). A record's places come, in
this order, from

1. its ``locations`` (each looked up whole in the gazetteer, else scanned for gazetteer names
   inside it: "Xindu District of Chengdu" gives Chengdu),
2. its name and aliases (scanned: "Tongzhou Campus of Renmin University" gives Tongzhou District,
   "Xi'an Metro Line 6" gives Xi'an),
3. for the city and province only, the article: the city its title and text name most often
   (counting a district as its city), when one city has at least half of those mentions.

A district is reported only when the record's own evidence names one place below city level that
the gazetteer knows (``district: null`` otherwise: never a guess). A name the gazetteer gives
several readings ("Chaoyang": a Beijing district and a city in Liaoning) keeps the readings
whose city is the article's, and is dropped when that leaves more than one.

Supplements in ``patterns/canonical_places.jsonl`` replace the gazetteer entry of the same name
(Xiong'an New Area is a city of its own here). This module does not import spaCy.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

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
    path = folder / SUPPLEMENT_FILE
    if not path.is_file():
        return ()
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        data = json.loads(line) if line.strip() else {}
        if data and "_comment" not in data:
            try:
                out.append(PlaceEntry.model_validate(data))
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from None
    return tuple(out)


class PlaceResolver:
    """Looks places up and scans text for them; :meth:`canonical` gives a record's places."""

    def __init__(self, gazetteer: Gazetteer, supplements: Iterable[PlaceEntry] = ()):
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
        return cls(res.gazetteer, load_supplements(res.folder))

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
            found.append((start, end + 1, surface))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out, reach = [], -1
        for start, end, surface in found:
            if start >= reach:
                out.append((start, end, self.readings(surface)))
                reach = end
        return out

    def places_in(self, text: str) -> list[list[Place]]:
        """Readings of a phrase: the whole phrase if the gazetteer knows it, else the names inside it."""
        whole = self.readings(text)
        if whole:
            return [whole]
        inside = [r for _, _, r in self.scan(text)]
        named = {r[0].city for r in inside if len(set(r)) == 1 and r[0].city and r[0].city_level}
        if len(named) == 1:  # "Xindu District of Chengdu": the city the phrase names wins
            city = named.pop()
            inside = [[p for p in r if p.city in (city, None)] for r in inside]
        return [r for r in inside if r]

    def article_city(self, text: str, title: str | None = None) -> Place:
        """The place an article is about: the city its title and text name most often (counting a
        district or zone as its city) when it has at least half of the mentions, else the province
        named most often the same way; no city when the title names a province and no place in it
        ("Hunan rolls out major projects": the projects are all over Hunan); and the district its
        title names, when it names one place below city level, in the article's city ("Haidian
        District arranges 233 investment projects")."""
        titled = [r for _, _, r in self.scan(title or "")]
        provincial = {p.province for r in titled for p in r if p.level == "province"}
        local = [r for r in titled if not any(p.level == "province" for p in r)]
        city = None if provincial and not local else _dominant(self._mentions(title, text, "city"))
        province = self.province_of_city.get(city) if city else _dominant(self._mentions(title, text, "province"))
        below = [r for r in local if not any(p.level == "city" for p in r)]
        districts = {p.district for r in below for p in r if p.district and p.city == city}
        district = districts.pop() if len(districts) == 1 and len(below) == 1 else None
        return Place(district, city, province)

    def _mentions(self, title: str | None, text: str, level: str) -> Counter:
        counts: Counter[str] = Counter()
        for chunk in (title or "", text):
            for _, _, readings in self.scan(chunk):
                values = {getattr(p, level) for p in readings}
                if len(values) == 1 and None not in values:
                    counts[values.pop()] += 1
        return counts

    def canonical(self, record, article_place: Place = Place(), linear: bool = False) -> Place:
        """The record's district, city and province (see the module docstring for the order);
        ``linear``: the project is a line, road or railway, which runs through districts (no district)."""
        found: list[list[Place]] = []
        for loc in getattr(record, "locations", None) or []:
            found.extend(self.places_in(_text(loc)))
        route: set[Place] = set()  # the places a route's name joins ("Neijiang-Dazu")
        for name in [_text(record.name)] + list(getattr(record, "aliases", None) or []):
            for start, end, readings in self.places_of_name(name):
                if _in_compound(name, start, end):
                    route.update(readings)
                elif article_place.city or any(p.city_level for p in readings):
                    found.append(readings)  # a bare district in a name only where the article's city is known
        if article_place.city:  # a district of another city is a homonym ("Hedong" in Wuzhou)
            found = [[p for p in r if p.city_level or p.city in (article_place.city, None)] for r in found]
        found = [r for r in found if r]
        if route and not found:  # "Neijiang-Dazu Expressway": between places, in none of them
            in_city = {p.city for p in route} == {article_place.city} and article_place.city is not None
            in_province = {p.province for p in route} == {article_place.province}
            return Place(None, article_place.city if in_city else None,
                         article_place.province if in_province or in_city else None)
        place = self.combine(found, article_place)
        if linear:
            return Place(None, place.city, place.province)
        if place.district is None and article_place.district and place.city == article_place.city:
            return Place(article_place.district, place.city, place.province)
        return place

    def places_of_name(self, name: str) -> list[tuple[int, int, list[Place]]]:
        """Places a project's name states: those before its first "of" when there are any ("Xiong'an
        branch of Peking University People's Hospital"), else those after it; never a place that
        ends the name ("Beijing Winter Olympic Park" is not in "Olympic Park")."""
        found = [(s, e, r) for s, e, r in self.scan(name) if e < len(name.rstrip()) or s == 0]
        cut = name.find(" of ")
        before = [f for f in found if cut < 0 or f[1] <= cut]
        return before or found

    def combine(self, found: list[list[Place]], article_place: Place) -> Place:
        """One place from the readings of several mentions (each mention: its readings)."""
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
            city = article_place.city
        else:
            city = article_place.city if article_place.city in cities else None
        provinces = {p.province for p in places if p.province and (city is None or p.city in (city, None))}
        province = self.province_of_city.get(city) if city else (provinces.pop() if len(provinces) == 1 else None)
        if city and not province:
            province = next((p.province for p in places if p.city == city and p.province), None)
        return Place(district, city, province or (article_place.province if city == article_place.city else None))


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
