"""The project registry: canonical places, the merge rule (each rule in several wordings, and a
hard-negative table), the SQLite build (idempotent, incremental, A then B = A+B), the timeline,
the CLI, and the scores on the corpus against corpus/registry.jsonl and corpus/places.jsonl."""

from __future__ import annotations

import ast
import importlib.util
import json

import pytest

from conftest import CORPUS, ROOT
from extractor.canon import Place, PlaceResolver
from extractor.cli import main
from extractor.matching import name_key, names_match
from extractor.reader import read_articles
from extractor.registry import build_registry, connect, dump
from extractor.registry_score import (
    evaluate, gold_partners, load_place_gold, load_registry_gold, score_pairs, score_places,
)
from extractor.resources import load_resources
from extractor.scoring import load_records
from extractor.timeline import find_projects, flag_changes, format_card, load_card

from extractor.matching import default_vocabulary

REGISTRY_MODULES = ("canon", "canon_text", "matching", "registry", "registry_score", "registry_export", "registry_report",
                    "timeline")
BEIJING = Place(None, "Beijing", "Beijing")


@pytest.fixture(scope="module")
def resolver():
    return PlaceResolver.from_resources(load_resources())


# ---------------------------------------------------------------------- canonical places

class Rec:
    def __init__(self, name, locations=(), aliases=()):
        self.name = {"text": name}
        self.locations = [{"text": t} for t in locations]
        self.aliases = list(aliases)


PLACE_CASES = [
    # (name, locations, article place, expected (district, city, province))
    ("Beijing Sub-city Center Transport Hub", ["Lucheng Town"], BEIJING, ("Tongzhou District", "Beijing", "Beijing")),
    ("Chongqing Youth Activity Center", ["Liangjiang New Area"], Place(), ("Liangjiang New Area", "Chongqing", "Chongqing")),
    ("aviation parts manufacturing base", ["Xindu District of Chengdu"], Place(), ("Xindu District", "Chengdu", "Sichuan")),
    ("Xi'an Metro Line 6", [], Place(), (None, "Xi'an", "Shaanxi")),
    ("Tongzhou Campus of Renmin University of China", [], BEIJING, ("Tongzhou District", "Beijing", "Beijing")),
    ("Xiong'an branch of Peking University People's Hospital", [], BEIJING, (None, "Xiong'an", "Hebei")),
    ("Zhongguancun Science City International Medical Valley", [], BEIJING, ("Haidian District", "Beijing", "Beijing")),
    # a place the gazetteer lacks: no district, never a guess
    ("Star-grade Hotel", ["Linpu Village"], Place(), (None, None, None)),
    ("Rainbow Mall", ["Qingfeng Road"], BEIJING, (None, "Beijing", "Beijing")),
    # a homonym: Chaoyang is a Beijing district and a city in Liaoning
    ("Chaoyang Park Plaza", ["Chaoyang"], BEIJING, ("Chaoyang District", "Beijing", "Beijing")),
    ("Chaoyang Park Plaza", ["Chaoyang"], Place(), (None, None, None)),
    # a district of another city is a homonym in an article about one city ("Longhua" in Shanghai)
    ("Phase II project of the Hangtou branch of Longhua Hospital", [], Place(None, "Shanghai", "Shanghai"),
     (None, "Shanghai", "Shanghai")),
    # a route's ends are not where it is
    ("Neijiang-Dazu Expressway", [], Place(None, "Chongqing", "Chongqing"), (None, None, None)),
    ("Changde-Yiyang-Changsha Railway", [], Place(None, None, "Hunan"), (None, None, "Hunan")),
    # a place that ends the name is the project's own name, not its location
    ("Beijing Winter Olympic Park", ["Shougang Park"], BEIJING, ("Shijingshan District", "Beijing", "Beijing")),
    # a name ending "of <place>" states where it is; a place name inside the longer name does not win
    ("Tongzhou Lantern Museum of Sanhe City", [], BEIJING, (None, "Langfang", "Hebei")),
    ("Chaoyang Valley Eco Park of Xianghe County", [], Place(), (None, "Langfang", "Hebei")),
    ("Western Expansion of the Riverside Park of Langfang City", [], Place(None, None, "Hebei"),
     (None, "Langfang", "Hebei")),
    ("Haidian Lake Scenic Area of Hua'an County", [], BEIJING, (None, "Zhangzhou", "Fujian")),
    # a name with its suffix is no homonym, even in an article about another city
    ("Sun Yat-sen Cancer Center", ["Hengli Island"], Place(None, "Wuhan", "Hubei"),
     ("Nansha District", "Guangzhou", "Guangdong")),
    ("South Campus", ["Nanhui New City"], Place(), ("Pudong New Area", "Shanghai", "Shanghai")),
    # a bare name the gazetteer reads two ways needs the article's city
    ("Changning Maternity Hospital outpatient building", [], Place(), (None, None, None)),
    ("Changning Maternity Hospital outpatient building", [], Place(None, "Hengyang", "Hunan"),
     (None, "Hengyang", "Hunan")),
    ("Changning Maternity Hospital outpatient building", [], Place(None, "Shanghai", "Shanghai"),
     ("Changning District", "Shanghai", "Shanghai")),
    # a zone over several cities leaves the city unknown
    ("Xixian New Area data park", [], Place(None, "Xi'an", "Shaanxi"), (None, None, "Shaanxi")),
    ("big data valley", ["Gui'an New Area"], Place(None, "Guiyang", "Guizhou"), (None, None, "Guizhou")),
    # a place hyphened to a word that is no place names a partnership, not a route: the article's city
    ("Germany-Sichuan Industrial Park", [], Place(None, "Chengdu", "Sichuan"), (None, "Chengdu", "Sichuan")),
    ("Malaysia-Guangxi Trade Port", [], Place(None, "Qinzhou", "Guangxi"), (None, "Qinzhou", "Guangxi")),
]


@pytest.mark.parametrize("name, locations, article, expected", PLACE_CASES)
def test_canonical_place(resolver, name, locations, article, expected):
    place = resolver.canonical(Rec(name, locations), article)
    assert (place.district, place.city, place.province) == expected


ROUTE_CASES = [
    # (name, locations, article place, expected): a route's ends in two cities put it in neither, whatever
    # stations it lists; its name may narrow it to a part in one of them; a route a part belongs to is not
    # the part's route
    ("Beijing-Dezhou Expressway", ["Daxing District", "Xiong'an New Area"], BEIJING, (None, None, None)),
    ("Tianjin-Langfang intercity railway", ["Langfang"], Place(None, "Tianjin", "Tianjin"), (None, None, None)),
    ("Luzhou-Chengdu high-speed railway", [], Place(None, "Chengdu", "Sichuan"), (None, None, "Sichuan")),
    ("Jinan-Zhengzhou High-Speed Railway (Shandong Section)", [], Place(None, None, "Shandong"),
     (None, None, "Shandong")),
    ("Hangzhou-Fuyang Line", ["West Lake Station"], Place(None, "Hangzhou", "Zhejiang"), (None, "Hangzhou", "Zhejiang")),
    ("Nanyuan branch line of the Beijing-Tianjin Expressway", [], BEIJING, (None, "Beijing", "Beijing")),
]


@pytest.mark.parametrize("name, locations, article, expected", ROUTE_CASES)
def test_a_route_between_cities_is_in_neither(resolver, name, locations, article, expected):
    place = resolver.canonical(Rec(name, locations), article, linear=True)
    assert (place.district, place.city, place.province) == expected


def test_a_line_gets_no_district(resolver):
    rec = Rec("Line 3", ["Chaoyang Railway Station"])
    assert resolver.canonical(rec, BEIJING).district == "Chaoyang District"
    assert resolver.canonical(rec, BEIJING, linear=True) == Place(None, "Beijing", "Beijing")


ARTICLE_CASES = [
    ("Haidian District arranges 233 investment projects this year", "Beijing's Haidian District said ... Beijing ...",
     ("Haidian District", "Beijing", "Beijing")),
    ("Hunan rolls out major projects", "Changsha and Changsha and Yiyang in Hunan", (None, None, "Hunan")),
    ("Chengdu opens five new metro lines in one day", "Chengdu's lines ... Chengdu", (None, "Chengdu", "Sichuan")),
    ("Three lines open", "Lines in Chengdu and in Xiamen.", (None, None, None)),
    # a title's bare name is the district the text writes with its suffix
    ("Tianqiao breaks ground on 12 key projects", "Tianqiao District of Jinan said ... Jinan ...",
     ("Tianqiao District", "Jinan", "Shandong")),
    ("New science park opens in Xihu", "Hangzhou's Xihu District opened ... in Hangzhou.",
     ("Xihu District", "Hangzhou", "Zhejiang")),
    # the lede places something in one district and the text names no other: the article's district
    ("China opens two research facilities in Beijing",
     "Both labs were inaugurated on Monday in Huairou District, north of the capital. They cost 2 billion yuan "
     "in all. More labs will follow in Huairou this year.", ("Huairou District", "Beijing", "Beijing")),
    ("Beijing adds three schools", "Three new schools opened their doors in Beijing's Fengtai district this week. "
     "Pupils moved in on Monday, said the Beijing education commission.", ("Fengtai District", "Beijing", "Beijing")),
    ("China opens two research facilities in Beijing",
     "Both labs were inaugurated on Monday in Huairou District, north of the capital. They cost 2 billion yuan "
     "in all. A third lab is going up in Haidian District.", (None, "Beijing", "Beijing")),
    # a district the lede names but places nothing in is not the article's
    ("Sub-center makes progress", "Beijing has focused on the main area of the city and the Beijing Municipal "
     "Administrative Center, which has taken new strides. Beijing opened a park.", (None, "Beijing", "Beijing")),
    # a profile's credit lines name suppliers and clients, not where the works stands
    ("Village Library / Studio Four", "Library • China\nArchitects: Studio Four\nYear: 2022\n"
     "Manufacturers: Shanghai Timber Works\nClients: Hangzhou Reading Foundation\n\nThe library sits in a village.",
     (None, None, None)),
]


@pytest.mark.parametrize("title, text, expected", ARTICLE_CASES)
def test_article_place(resolver, title, text, expected):
    p = resolver.article_city(text, title)
    assert (p.district, p.city, p.province) == expected


REACH_CASES = [
    # (title, record name, expected district): a district that is the title's subject reaches every
    # record; one that only qualifies what a city's title names does not reach a record led by the city's name
    ("Shijingshan District to carry out 197 projects", "Beijing Banking Industrial Park", "Shijingshan District"),
    ("Beijing's Haidian District arranges 233 projects", "Beijing Robot Valley", "Haidian District"),
    ("Beijing to spend 400 million yuan on sub-center's theater and library", "Beijing Printing Museum", None),
    ("Beijing to spend 400 million yuan on sub-center's theater and library", "the Beijing Silk Museum", None),
    ("Beijing to spend 400 million yuan on sub-center's theater and library", "canal theater project",
     "Tongzhou District"),
    ("Guangzhou lists its key projects, with Haizhu projects among them", "Tencent Guangzhou headquarters",
     "Haizhu District"),
]


@pytest.mark.parametrize("title, name, expected", REACH_CASES)
def test_how_far_an_article_district_reaches(resolver, title, name, expected):
    city = "Guangzhou" if "Guangzhou" in title else "Beijing"
    article = resolver.article_city(f"{city} said ... in {city}.", title)
    assert resolver.canonical(Rec(name), article).district == expected


# ---------------------------------------------------------------------- frames: places a stretch of text sets

SENTENCE_FRAMES = [
    # (text, expected (district, city, province) of the first frame, or None)
    ("In Langfang City in north China's Hebei Province, a logistics hub opened on Monday.", (None, "Langfang", "Hebei")),
    ("At Datong, Shanxi Province, the group switched on its new data center.", (None, "Datong", "Shanxi")),
    ("In southwest China's Chongqing Municipality, builders finished the bridge.", (None, "Chongqing", "Chongqing")),
    ("In Beijing's Tongzhou district, work began on a school.", ("Tongzhou District", "Beijing", "Beijing")),
    ("In 2019, the city finished the bridge.", None),
    ("In Hu's words, the buildings will help Beijing grow.", None),
    ("In the first quarter of this year, Wucheng District secured 1.76 billion yuan.", None),
    ("In Beijing alone, 300 projects started.", None),
]


@pytest.mark.parametrize("text, expected", SENTENCE_FRAMES)
def test_a_sentence_frame(resolver, text, expected):
    frames = resolver.frames("A title\n\n" + text)
    got = (frames[0][2].district, frames[0][2].city, frames[0][2].province) if frames else None
    assert got == expected


ROUND_UP = ("Foreign projects speed up\n\n"
            "In Langfang City in north China's Hebei Province, a Swiss firm opened its new plant.\n\n"
            "The Swiss plant makes valves.\n\n"
            "The firm's chairman spoke.\n\n"
            "In east China's Fujian Province, a Korean maker opened its research center.\n\n"
            "The Korean research center employs 300 people.")


@pytest.mark.parametrize("phrase, expected", [
    ("its new plant", (None, "Langfang", "Hebei")),         # the frame's own sentence
    ("The Swiss plant", (None, "Langfang", "Hebei")),       # the paragraph after it
    ("The firm's chairman", None),                           # two paragraphs on: the frame has ended
    ("The Korean research center", (None, None, "Fujian")),  # the next frame
])
def test_a_sentence_frame_holds_to_the_next_paragraph_or_frame(resolver, phrase, expected):
    at = ROUND_UP.index(phrase)
    inside = [p for s, e, p in resolver.frames(ROUND_UP) if s <= at < e]
    got = (inside[-1].district, inside[-1].city, inside[-1].province) if inside else None
    assert got == expected


CLUSTERS = [
    # (text, a member's name, expected district of the frame it stands in)
    ("Title\n\nTwo new hospitals in Beijing's Fengtai district opened on Monday.\n\n"
     "The Lize Hospital, the Nanyuan Clinic and the Fengtai Rehab Center took three years to build.",
     "Nanyuan Clinic", "Fengtai District"),
    ("Title\nA group of sports venues in the Beijing Municipal Administrative Center is nearly done. Builders said "
     "the Canal Stadium, the Canal Natatorium and the East Gym will open in May.", "East Gym", "Tongzhou District"),
    ("Title\n\nOn Friday a school, a clinic and a library opened to the public in Huairou, Beijing's northern "
     "district.\n\nWork on the facilities — the Yanqi School, the Yanqi Clinic and the Yanqi Library — began in 2021.",
     "Yanqi Clinic", "Huairou District"),
    ("Title\n\nThree landmark buildings in Beijing's Tongzhou district began construction. They are due in 2025.\n"
     "The three landmarks, a theater, a library and a museum, will cover 300,000 square meters.",
     "a museum", "Tongzhou District"),
    # no count or list in the first sentence: no cluster
    ("Title\n\nThe museum project in the sub-center will get 200 million yuan.\n\n"
     "Plans for the Beijing Industry Museum, the Beijing Art Hall and the Beijing Opera House are due.",
     "Beijing Art Hall", None),
    # the members listed too far on
    ("Title\n\nTwo hospitals in Beijing's Fengtai district opened.\n\nThey cost a lot.\n\nMore will come.\n\n"
     "The Lize Hospital, the Nanyuan Clinic and the Fengtai Rehab Center are busy.", "Nanyuan Clinic", None),
]


@pytest.mark.parametrize("text, member, expected", CLUSTERS)
def test_a_cluster_places_the_members_listed_after_it(resolver, text, member, expected):
    at = text.index(member)
    inside = [p for s, e, p in resolver.frames(text) if s <= at < e]
    assert (inside[-1].district if inside else None) == expected


def test_a_frame_stands_before_the_article_place(resolver):
    langfang = Place(None, "Langfang", "Hebei")
    assert resolver.canonical(Rec("new industrial park"), BEIJING, frame=langfang) == langfang
    tongzhou = Place("Tongzhou District", "Beijing", "Beijing")
    assert resolver.canonical(Rec("Beijing Library"), BEIJING, frame=tongzhou) == tongzhou
    assert resolver.canonical(Rec("Lize Hospital", ["Fengtai District"]), BEIJING, frame=tongzhou).district \
        == "Fengtai District"  # the record's own evidence first


def test_a_registry_file_of_schema_1_is_migrated(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE articles (doc_id TEXT PRIMARY KEY, published TEXT, title TEXT, url TEXT, "
                "district TEXT, city TEXT, province TEXT)")
    old.execute("INSERT INTO articles VALUES ('a', NULL, NULL, NULL, 'Haidian District', 'Beijing', 'Beijing')")
    old.commit()
    old.close()
    con = build([record("a", 1, "Xinhe Sports Park")], (), connect(path))
    assert con.execute("SELECT district FROM mentions").fetchone() == ("Haidian District",)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("2",)


def test_the_registry_gives_a_record_its_frame():
    text = ("Foreign projects speed up\n\nIn Langfang City in north China's Hebei Province, a Swiss firm opened "
            "its plant.\n\nThe Swiss valve plant makes valves for Beijing and Beijing.")
    name = "Swiss valve plant"
    rec = record("f", 1, name)
    rec["name"] = {"text": name, "start": text.index(name), "end": text.index(name) + len(name)}
    con = build([rec], [Art("f", text, None)])
    assert con.execute("SELECT district, city, province FROM mentions").fetchone() == (None, "Langfang", "Hebei")


# ---------------------------------------------------------------------- the merge rule

def match(a: str, b: str, place=("Beijing",)) -> bool:
    return names_match(name_key(a, place), name_key(b, place)) > 0


SAME_PROJECT = [
    # word order, possessives and "of"
    ("Tongzhou campus of Beijing Anzhen Hospital", "Beijing Anzhen Hospital Tongzhou campus"),
    ("Tongzhou campus of Beijing Anzhen Hospital", "the Anzhen Tongzhou campus"),
    ("Beijing Anzhen Hospital's Tongzhou branch", "Tongzhou campus of Beijing Anzhen Hospital"),
    ("Grand Canal Museum of Beijing", "Beijing Grand Canal Museum"),
    # acronyms
    ("Tongzhou Campus of Renmin University of China", "RUC Tongzhou Campus"),
    ("High Energy Photon Source", "HEPS"),
    # the city's own name, "City" after it, transit words
    ("Beijing Subway Line 3", "Line 3"),
    ("Metro Line 3", "Beijing Subway Line 3"),
    ("Beijing City Library", "Beijing Library"),
    ("Universal Beijing Resort", "Universal Resort"),
    # spelling and plurals
    ("Beijing Performing Arts Centre", "Beijing Performing Arts Center"),
    ("Beijing Art Center", "Beijing Performing Arts Center"),
    ("Kawin Technology Antibody Production Base", "Kawn Technology Antibody Production Base"),
    # one phase, three wordings
    ("Universal Beijing Resort Phase II", "second phase of Universal Beijing Resort"),
    ("Universal Beijing Resort phase 2", "Universal Beijing Resort Phase II"),
    ("Line 15 Phase One", "first phase of Metro Line 15"),
    # one part, two wordings
    ("north section of Line 17", "Line 17 North Section"),
    # another public name of a known project (patterns/known_names.jsonl), in several wordings
    ("Cultural Granary", "Beijing Performing Arts Centre"),
    ("the Cultural Granary", "Beijing Art Center"),
    ("Forest Book Garden", "Beijing City Library"),
    ("eastern branch of the Capital Museum", "Grand Canal Museum of Beijing"),
    ("Capital Museum East Branch", "Beijing Grand Canal Museum"),
    ("Ice Ribbon", "National Speed Skating Oval"),
    ("National Speed Skating Hall", "the Ice Ribbon"),
    ("Shougang ski jumping platform", "Big Air Shougang"),
    ("Water Cube", "National Aquatics Centre"),
    ("Beijing New Airport", "Beijing Daxing International Airport"),
    # an owner's home and "affiliated to" are no part of a name
    ("Xiongan branch of Beijing-based Xuanwu Hospital", "Xiong'an branch of Xuanwu Hospital affiliated to Capital Medical University"),
    ("Shanghai-based Yida Hospital", "Yida Hospital"),
    ("People's Hospital affiliated with Kawin University", "Kawin University People's Hospital"),
    # "AI" and "intelligent" computing centres are one thing
    ("Kawin AI Computing Center", "Kawin Intelligent Computing Center"),
]

DIFFERENT_PROJECTS = [
    # phases kept apart
    ("Universal Beijing Resort", "second phase of Universal Beijing Resort"),
    ("Line 15 Phase One", "Line 15 Phase Two"),
    ("Phase I of Metro Line 6", "Metro Line 6"),
    # parts and works kept apart
    ("north section of Line 17", "south section of Line 17"),
    ("Haikou Meilan International Airport", "expansion project of Haikou Meilan International Airport"),
    ("National Stadium", "transformation of the National Stadium"),
    # numbers
    ("Line 3", "Line 13"),
    ("Beijing No. 4 Experimental School", "Beijing No. 5 Experimental School"),
    # another head noun: a different thing
    ("Daxing International Airport", "Daxing International Airport Expressway"),
    ("Beijing Daxing International Airport", "central park of Beijing Daxing International Airport Economic Zone"),
    # other distinctive words
    ("China Mobile data center", "China Telecom data center"),
    ("Xiong'an branch of Xuanwu Hospital", "Xiong'an branch of Peking University People's Hospital"),
    ("Tencent Guangzhou headquarters building", "Tencent Yangtze River Delta supercomputing center"),
    # a known project's other name is that project's only
    ("Ice Ribbon", "Water Cube"),
    ("Capital Museum", "eastern branch of the Capital Museum"),
    ("Capital Museum", "Grand Canal Museum of Beijing"),
    ("Shenzhen-Zhongshan Bridge", "Shenzhen-Zhongshan highway"),
    ("Cultural Granary", "Beijing Library"),
    ("Kawin AI Computing Center", "Kawin Supercomputing Center"),
    # names with no distinctive word
    ("data center", "data center"),
    ("library", "Beijing Library"),
    ("industrial park", "Beijing industrial park"),
]


@pytest.mark.parametrize("a, b", SAME_PROJECT)
def test_same_project_in_other_words(a, b):
    assert match(a, b) and match(b, a)


@pytest.mark.parametrize("a, b", DIFFERENT_PROJECTS)
def test_hard_negative_is_kept_apart(a, b):
    assert not match(a, b) and not match(b, a)


def record(doc, n, name, locations=(), **slots):
    return {"schema": 1, "doc_id": doc, "record_id": f"{doc}:{n}", "kind": "project", "name": {"text": name},
            "count": None, "locations": [{"text": t} for t in locations], "investment": [], "area": [],
            "computing_power": [], "completion": [], **slots}


class Art:
    def __init__(self, doc_id, text, published, title=None):
        self.id, self.text, self.meta = doc_id, text, {"title": title}
        import datetime as dt

        self.published = dt.date.fromisoformat(published) if published else None


def build(records, articles=(), con=None):
    con = con or connect(":memory:")
    build_registry(con, records, PlaceResolver.from_resources(load_resources()), default_vocabulary(), articles)
    return con


def projects_of(con) -> dict[str, str]:
    return dict(con.execute("SELECT record_id, project FROM mentions"))


def test_never_across_places():
    recs = [record("a", 1, "China Mobile data center", ["Hohhot"]),
            record("b", 1, "China Mobile data center", ["Gui'an New Area"]),
            record("c", 1, "China Mobile data center", ["Hohhot"])]
    p = projects_of(build(recs))
    assert p["a:1"] != p["b:1"] and p["a:1"] == p["c:1"]


def test_never_across_districts_of_one_city():
    recs = [record("a", 1, "Xinhe Sports Park", ["Haidian District"]),
            record("b", 1, "Xinhe Sports Park", ["Chaoyang District"])]
    p = projects_of(build(recs, [Art("a", "Beijing", None), Art("b", "Beijing", None)]))
    assert p["a:1"] != p["b:1"]


def test_two_records_of_one_article_are_two_projects():
    recs = [record("a", 1, "Line 3", ["Dongcheng District"]), record("a", 2, "Beijing Subway Line 3")]
    p = projects_of(build(recs, [Art("a", "Beijing Beijing", None)]))
    assert p["a:1"] != p["a:2"]


def test_a_vague_place_needs_a_closer_name():
    recs = [record("a", 1, "Line 1"), record("b", 1, "Line 1"),
            record("c", 1, "Qingshuijiang Grand Bridge"), record("d", 1, "Qingshuijiang Grand Bridge")]
    p = projects_of(build(recs))
    assert p["a:1"] != p["b:1"]  # no place known, one distinctive word: kept apart
    assert p["c:1"] == p["d:1"]


# ---------------------------------------------------------------------- the build

@pytest.fixture(scope="module")
def corpus_gold_records():
    gold = load_records([str(CORPUS)])
    return [r.to_json_dict() for doc in sorted(gold) for r in gold[doc]]


@pytest.fixture(scope="module")
def corpus_articles():
    return list(read_articles([str(CORPUS)]))


def test_building_twice_changes_nothing(corpus_gold_records, corpus_articles):
    con = build(corpus_gold_records, corpus_articles)
    first = dump(con)
    build(corpus_gold_records, corpus_articles, con)
    assert dump(con) == first


@pytest.mark.parametrize("cut", [1, 150, 400])
def test_a_then_b_is_a_plus_b(corpus_gold_records, corpus_articles, cut):
    whole = build(corpus_gold_records, corpus_articles)
    parts = build(corpus_gold_records[:cut], corpus_articles)
    build(corpus_gold_records[cut:], corpus_articles, parts)
    assert dump(parts) == dump(whole)


def test_a_changed_record_updates_its_mention_and_keeps_its_project():
    con = build([record("a", 1, "Xinhe Sports Park", ["Haidian District"])])
    pid = projects_of(con)["a:1"]
    changed = record("a", 1, "Xinhe Sports Park", ["Haidian District"],
                     investment=[{"value": 1e9, "currency": "CNY", "mod": None, "text": "1 billion yuan"}])
    build([changed], (), con)
    (stored,) = con.execute("SELECT project, record FROM mentions").fetchall()
    assert stored[0] == pid and json.loads(stored[1])["investment"][0]["value"] == 1e9


def test_project_ids_do_not_depend_on_other_projects():
    a = projects_of(build([record("a", 1, "Xinhe Sports Park", ["Haidian District"])]))
    b = projects_of(build([record("z", 1, "Yongfeng Industrial Park", ["Haidian District"]),
                           record("a", 1, "Xinhe Sports Park", ["Haidian District"])]))
    assert a["a:1"] == b["a:1"]


# ---------------------------------------------------------------------- timeline

def test_changes_are_flagged_by_publication_date():
    recs = [
        record("late", 1, "Xinhe Sports Park", ["Haidian District"],
               completion=[{"value": "2025-06", "mod": None, "text": "June 2025"}],
               investment=[{"value": 6.0e9, "currency": "CNY", "mod": None, "text": "6 billion yuan"}]),
        record("early", 1, "Xinhe Sports Park", ["Haidian District"],
               completion=[{"value": "2024-12", "mod": None, "text": "December 2024"}],
               investment=[{"value": 5.2e9, "currency": "CNY", "mod": None, "text": "5.2 billion yuan"}]),
    ]
    arts = [Art("late", "Beijing", "2024-02-10"), Art("early", "Beijing", "2023-03-01")]
    con = build(recs, arts)
    card = load_card(con, projects_of(con)["late:1"])
    assert [r.doc_id for r in card.reports] == ["early", "late"]
    assert flag_changes(card) == [
        "investment revised from 5.2 billion yuan to 6 billion yuan (reports of 2023-03-01 and 2024-02-10)",
        "completion 2024-12 in the report of 2023-03-01, 2025-06 in the report of 2024-02-10"]
    assert "! completion 2024-12" in format_card(card)


def test_the_same_value_again_is_no_change():
    same = [{"value": "2025", "mod": "END", "text": "by the end of 2025"}]
    recs = [record("a", 1, "Xinhe Sports Park", ["Haidian District"], completion=same),
            record("b", 1, "Xinhe Sports Park", ["Haidian District"], completion=same)]
    con = build(recs, [Art("a", "x", "2023-01-01"), Art("b", "x", "2024-01-01")])
    assert flag_changes(load_card(con, projects_of(con)["a:1"])) == []


def test_show_finds_by_name_part_and_by_id():
    con = build([record("a", 1, "Xinhe Sports Park", ["Haidian District"])])
    pid = projects_of(con)["a:1"]
    assert find_projects(con, "sports park") == [pid] == find_projects(con, pid)
    assert find_projects(con, "Xinhe Sport Prak") == [pid]


# ---------------------------------------------------------------------- CLI

def test_cli_build_show_export(tmp_path, capsys):
    recs = tmp_path / "r.jsonl"
    recs.write_text("".join(json.dumps(r) + "\n" for r in [
        record("n1_06_tongzhou_cultural_venues", 1, "Grand Canal Museum of Beijing", ["Tongzhou"]),
        record("n6_07_subcenter_cultural_landmarks", 1, "Beijing Grand Canal Museum")]))
    db = tmp_path / "reg.sqlite"
    articles = str(CORPUS / "n1")
    assert main(["registry", "build", str(recs), "--articles", articles, str(CORPUS / "n6"), "-o", str(db)]) == 0
    assert main(["registry", "show", "Grand Canal", "-r", str(db)]) == 0
    out = capsys.readouterr().out
    assert "mentions (2)" in out and "2023-12-28" in out and "2024-01-12" in out
    for fmt in ("csv", "jsonl"):
        assert main(["registry", "export", "-r", str(db), "--format", fmt, "-o", str(tmp_path / f"x.{fmt}")]) == 0
    (line,) = (tmp_path / "x.jsonl").read_text().splitlines()
    assert len(json.loads(line)["mentions"]) == 2
    assert "Tongzhou District" in (tmp_path / "x.csv").read_text()


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None, reason="pyarrow is installed")
def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, capsys):
    db = tmp_path / "reg.sqlite"
    build([record("a", 1, "Xinhe Sports Park")], (), connect(db)).commit()
    assert main(["registry", "export", "-r", str(db), "--format", "parquet", "-o", str(tmp_path / "x.parquet")]) == 2
    assert "pip install pyarrow" in capsys.readouterr().err


# ---------------------------------------------------------------------- scores on the corpus

def test_registry_gold_names_gold_records():
    gold = load_records([str(CORPUS)])
    ids = {r.record_id for recs in gold.values() for r in recs if r.kind == "project"}
    truth = load_registry_gold(ROOT / "corpus" / "registry.jsonl")
    assert set(truth.cluster) <= ids and {x for a, b, _ in truth.negatives for x in (a, b)} <= ids
    assert len(set(truth.cluster.values())) >= 20 and len(truth.negatives) >= 20
    assert all(truth.cluster.get(a) is None or truth.cluster.get(a) != truth.cluster.get(b)
               for a, b, _ in truth.negatives)


def test_pair_scoring_counts_links():
    gold = load_records([str(CORPUS / "n1"), str(CORPUS / "n6")])
    truth = load_registry_gold(ROOT / "corpus" / "registry.jsonl")
    partners = gold_partners(gold, gold)
    one = {rid: "P" for rid in ("n1_06_tongzhou_cultural_venues:1", "n6_07_subcenter_cultural_landmarks:3",
                                "n6_07_subcenter_cultural_landmarks:2")}
    score = score_pairs(gold, partners, one, truth)
    # museum ~ museum: right; museum ~ theater: wrong; the two n6_07 records are of one article: no pair
    assert (score.counts.tp, score.counts.fp) == (1, 1)
    assert score.counts.fn > 0


@pytest.fixture(scope="module")
def corpus_predictions(extractor, tmp_path_factory):
    path = tmp_path_factory.mktemp("reg") / "pred.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for a in read_articles([str(CORPUS)]):
            for r in extractor.extract(a):
                f.write(json.dumps(r.to_json_dict(), ensure_ascii=False) + "\n")
    return str(path)


def test_corpus_registry_and_place_scores(corpus_predictions):
    pairs, places = evaluate(corpus_predictions, [str(CORPUS)], str(ROOT / "corpus" / "registry.jsonl"),
                             str(ROOT / "corpus" / "places.jsonl"), [str(CORPUS)])
    # Precision re-measured like the F1 below when batches join: 0.948 on 1,311 articles, with the session-start
    # code too (the new gold parts whole from part: "main stadium of the X Center" / "X Center", a line / its branch).
    assert pairs.counts.precision >= 0.94, pairs.false_links
    # re-measured when batches join the gold (like the 'all' corpus floor): 0.974 on 196 articles,
    # 0.946 on 245, 0.937 on 285, 0.917 on 345, 0.883 on 404, 0.870 on 434 (new batches add links to
    # records the extractor does not produce or names it does not match); never lowered otherwise. Place
    # accuracy is re-measured the same way: 0.95 on up to 345 articles; on 404, district 0.962, city 0.942;
    # on 434, district 0.955, city 0.937 (the new batches' records, from Macau to Pingtan and the routes
    # between cities, are placed less well than the ones the rules met before); on 493 (n43-n48 joined,
    # with 19 new cross-article projects, several of whose records the extractor misses or names only
    # vaguely: the Qingyang cluster, Daxing airport in n22_03): pairs 0.863, district 0.954, city 0.936.
    # The code of the session's start scores the same on the 493 (the drop is the gold's, not the rules').
    # On 552 (n49-n54 joined, 10 more cross-article projects): pairs 0.857, district 0.951, city 0.927;
    # the session-start code scores 0.852, 0.952 and 0.926 on the same 552. On 610 (n55-n60 joined: the
    # Winter Olympic Park, the CBD and Yanfang lines and Daxing airport met again, several under names the
    # registry does not match, e.g. "the new airport"): pairs 0.828, district 0.942, city 0.927; the
    # session-start code 0.822, 0.942 and 0.925. On 669 (n61-n66 joined: Zhangjiakou's venues, Huoshenshan
    # and Leishenshan, the Shanghai-Nantong bridge met again): pairs 0.816, district 0.940, city 0.920; the
    # session-start code 0.810, 0.939 and 0.919. On 746 (n67-n74 joined, Beijing-heavy: 16 new cross-article
    # projects and 46 records added to known ones, the sub-center hub, Universal, the Beijing-Xiong'an
    # expressway, Lines 17, 22 and 28, the Winter Olympic venues, many under descriptions the extractor
    # does not name): pairs 0.788, district 0.927, city 0.918; the code of the 2026-12-02 session's start
    # (89a38de) scores 0.767, 0.927 and 0.917 on the same gold. On 821 (n75-n82 joined, 13 new cross-article
    # projects, 21 records added to known ones; and a link to an optional record the registry gold does not
    # list is no longer counted false): pairs 0.798, district 0.913 over 1,131 matched records, city 0.917;
    # the session-start code 0.778, 0.915 over 1,115 and 0.916 (the 16 records found since are placed less well).
    # On 895 (n83-n90 joined: 10 new cross-article projects, 19 records added to known ones): pairs 0.787,
    # district 0.910 over 1,194 matched records, city 0.917; the session-start code 0.765, 0.912 over 1,175, 0.916.
    # On 965 (n91-n97 joined: 3 new cross-article projects, 13 records added to known ones): pairs 0.772,
    # district 0.906 over 1,245 matched records, city 0.914; the session-start code 0.764, 0.908 over 1,226, 0.915.
    # On 1,108 (n98-n113 joined, 143 articles: 21 new cross-article projects, 28 records added to known ones,
    # the Olympic venues, HEPS, Shanghai's light sources, the Xiong'an schools met again under descriptions):
    # pairs 0.756 (P 0.965), district 0.902, city 0.913; the session-start code (9d34c5d) 0.757, 0.903, 0.913.
    # On 1,311 (n114-n135 joined, 202 articles: 40 new cross-article projects, 27 updates): pairs 0.718 (P 0.948),
    # district 0.903, city 0.908; the session-start code (9d34c5d) 0.714, 0.903, 0.908 on the same gold.
    assert pairs.counts.f1 >= 0.71, pairs.missed_links
    assert places.accuracy("district") >= 0.90 and places.accuracy("city") >= 0.90, places.wrong


def test_place_gold_records_are_gold_project_records():
    gold = load_records([str(CORPUS)])
    ids = {r.record_id for recs in gold.values() for r in recs if r.kind == "project"}
    truth = load_place_gold(ROOT / "corpus" / "places.jsonl")
    assert set(truth) <= ids and len(truth) > 250
    perfect = score_places({g: g for g in truth}, truth, truth)
    assert perfect.accuracy("district") == 1.0


# ---------------------------------------------------------------------- shape

def test_registry_functions_are_short():
    long = []
    for name in REGISTRY_MODULES:
        tree = ast.parse((ROOT / "src" / "extractor" / f"{name}.py").read_text(encoding="utf-8"))
        long += [f"{name}.{n.name}" for n in ast.walk(tree)
                 if isinstance(n, ast.FunctionDef) and n.end_lineno - n.lineno + 1 > 60]
    assert long == []


def test_enriched_records_score_the_same(corpus_predictions, corpus_articles, tmp_path):
    from extractor.registry import enrich_records
    from extractor.scoring import format_table, score_documents

    plain = [json.loads(line) for line in open(corpus_predictions, encoding="utf-8")]
    enriched = list(enrich_records(plain, PlaceResolver.from_resources(load_resources()), default_vocabulary(),
                                   corpus_articles))
    assert all({"district", "city", "province"} <= set(r) for r in enriched)
    assert any(r["district"] for r in enriched)
    path = tmp_path / "enriched.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in enriched), encoding="utf-8")
    gold = load_records([str(CORPUS)])
    scores = [format_table(score_documents(load_records([p]), gold)) for p in (corpus_predictions, str(path))]
    assert scores[0] == scores[1]


def test_registry_report_has_a_section_and_a_timeline_per_project(tmp_path):
    from extractor.registry_report import write_registry_report

    recs = [record("a", 1, "Xinhe <b>Sports</b> Park", ["Haidian District"],
                   investment=[{"value": 5.2e9, "currency": "CNY", "mod": None, "text": "5.2 billion yuan"}]),
            record("b", 1, "Xinhe <b>Sports</b> Park", ["Haidian District"],
                   completion=[{"value": "2025", "mod": "END", "text": "by the end of 2025"}])]
    arts = [Art("a", "Beijing", "2023-01-01"), Art("b", "Beijing", "2024-01-01")]
    arts[0].meta["url"] = "https://example.org/a"
    con = build(recs, arts)
    assert write_registry_report(con, tmp_path / "r.html") == 1
    html = (tmp_path / "r.html").read_text()
    assert html.count("<section") == 1 and "<svg" in html and html.count("<circle") == 2
    assert 'href="https://example.org/a"' in html and "5.2 billion yuan" in html
    assert "<b>Sports</b>" not in html and "&lt;b&gt;Sports&lt;/b&gt;" in html


def test_a_stated_province_outweighs_a_bare_district_inside_a_name(resolver):
    """"Pingtan ... in east China's Fujian province" with a "Haidian ... Base" among its projects: the
    article is in Fujian, not in Beijing; a street named after a city ("Suzhou Jie station") names no city."""
    text = ("Pingtan Comprehensive Pilot Zone in east China's Fujian province signed 20 projects, among them the "
            "Haidian Operation and Maintenance New Material Production Base.")
    p = resolver.article_city(text, "Pingtan signs 20 industrial projects")
    assert (p.city, p.province) == (None, "Fujian")
    assert [r for _, _, r in resolver.scan("trains stop at Suzhou Jie station")] == []


def test_a_link_to_an_optional_record_the_registry_does_not_list_is_undecided():
    gold = load_records([str(CORPUS / "n70"), str(CORPUS / "n78")])
    truth = load_registry_gold(ROOT / "corpus" / "registry.jsonl")
    partners = gold_partners(gold, gold)
    optional = "n78_05_yanqing_olympic_zone_opens_2022:4"  # the Water Cube, optional in n78_05, not in the registry
    assert optional not in truth.cluster and any(r.record_id == optional and r.optional for rs in gold.values() for r in rs)
    linked = {"n70_03_beijing2022_eight_venues_completed:2": "P", optional: "P"}
    assert score_pairs(gold, partners, linked, truth).counts.fp == 0
    # two non-optional records of different projects linked: a false link
    other = {"n70_03_beijing2022_eight_venues_completed:2": "P", "n78_10_winter_games_taking_shape_2018:1": "P"}
    assert score_pairs(gold, partners, other, truth).counts.fp == 1
