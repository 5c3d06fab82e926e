"""The failure categories of articles never seen, each a general rule, in several wordings of our own.

1. works named by what is done; 2. places taken for projects; 3. descriptions and short forms;
4. values across boundaries; 5. locations beyond districts; 6. layouts; 7. words.
"""

from __future__ import annotations

import pytest

from conftest import by_name


def names(records, kind="project"):
    return sorted(r.name.text for r in records if r.kind == kind)


def values(record, slot):
    return [(v.value, v.mod) if slot != "locations" else v.text for v in getattr(record, slot)]


# ---------------------------------------------------------------------- 1. works named by what is done

@pytest.mark.parametrize("text,name", [
    ("The renovation of Xiaoying Road will be completed by the end of 2025.", "renovation of Xiaoying Road"),
    ("Work began on the east extension of Guangqu Road, which will cost 3 billion yuan.",
     "east extension of Guangqu Road"),
    ("The district will finish the underground reconstruction of Jiaomen Road next year.",
     "underground reconstruction of Jiaomen Road"),
    ("Crews started the widening of Chengshousi Road in May.", "widening of Chengshousi Road"),
])
def test_works_named_by_what_is_done(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize("text,name", [
    ("Line 12 opened to traffic on Sunday.", "Line 12"),
    ("Construction of Metro Line 16 continued through the winter, with 8 billion yuan invested.", "Metro Line 16"),
    ("The north section of Line 17 will open by the end of this year.", "north section of Line 17"),
    ("The Pinggu Line will be put into operation in 2025.", "Pinggu Line"),
])
def test_lines_and_their_sections(extract, text, name):
    assert name in names(extract(text))


def test_a_section_is_a_project_apart_from_its_line(extract):
    recs = by_name(extract("The south section of Line 17 opened in 2021, and the north section of Line 17 "
                           "will open in 2023."))
    assert values(recs["south section of Line 17"], "completion") == [("2021", None)]
    assert values(recs["north section of Line 17"], "completion") == [("2023", None)]


@pytest.mark.parametrize("text,name", [
    ("Xinhua Hospital's branch in Fengxian will be completed in December 2024.", "Xinhua Hospital's branch"),
    ("Beijing Anzhen Hospital's Tongzhou Campus will cost 4 billion yuan.", "Beijing Anzhen Hospital's Tongzhou Campus"),
    ("The works include Shanghai Sixth People's Hospital's Lingang branch, a new 600-bed building.",
     "Shanghai Sixth People's Hospital's Lingang branch"),
])
def test_an_institutions_branch_or_campus(extract, text, name):
    assert name in names(extract(text))


def test_a_quoted_title_after_a_project_noun_is_the_name(extract):
    recs = extract('The institute started building the National Major Science Project "Deep Sea Pressure '
                   'Testing Facility" in Lingang New Area, with 900 million yuan of investment.')
    (rec,) = [r for r in recs if r.kind == "project"]
    assert "Deep Sea Pressure Testing Facility" in rec.name.text
    assert values(rec, "investment") == [(900_000_000, None)]


def test_works_of_an_administrative_area_is_policy_not_a_project(extract):
    assert names(extract("The plan supports the transformation and upgrading of Mentougou District.")) == []


# ---------------------------------------------------------------------- 2. places taken for projects

@pytest.mark.parametrize("text,place", [
    ("The Xinhua Library is being built in the Central Green Forest Park, with 2 billion yuan of investment.",
     "Central Green Forest Park"),
    ("The Xinlian Data Center, located in Yanqi Economic Development Zone, will cost 1 billion yuan.",
     "Yanqi Economic Development Zone"),
    ("Built around the Baiyun International Convention Center, the Baiyun Office Tower will cost 3 billion yuan.",
     "Baiyun International Convention Center"),
    ("The Haigang Toll Station on the Nansha-Zhongshan Expressway began operating on March 31.",
     "Nansha-Zhongshan Expressway"),
])
def test_a_place_where_something_sits_is_no_project(extract, text, place):
    recs = extract(text)
    assert place not in names(recs)
    assert any(place in values(r, "locations") for r in recs if r.kind == "project")


def test_route_ends_are_places_not_projects(extract):
    recs = by_name(extract("The Xizhimen Tram Line will run from Haidian Park to Zizhuyuan, and will open in 2026."))
    assert set(recs) == {"Xizhimen Tram Line"}
    assert values(recs["Xizhimen Tram Line"], "locations") == ["Haidian Park", "Zizhuyuan"]


def test_lines_named_as_context_are_no_projects(extract):
    recs = extract("The new Xiangyun Line will take pressure off Line 5 and Line 13 when it opens in 2026. "
                   "Riders can transfer to Line 10 at Xiangyun Station.")
    assert names(recs) == ["Xiangyun Line"]
    assert values(recs[0], "locations") == []


def test_an_institution_a_person_works_for_is_no_project(extract):
    recs = extract("The Fengxian Wellness Hospital will open in 2026, said the president of Ruijin Hospital.")
    assert names(recs) == ["Fengxian Wellness Hospital"]


def test_items_of_a_place_list_are_places(extract):
    recs = extract("Work will focus on the Lize Business District, Zhongguancun Fengtai Park, the South Central "
                   "Axis and other areas, where the Fengtai Science Hall will cost 2 billion yuan.")
    assert names(recs) == ["Fengtai Science Hall"]


# ---------------------------------------------------------------------- 3. descriptions and short forms

def test_an_indefinite_description_is_no_record(extract):
    recs = extract("The Lize Finance Tower will grow into a globally active center of about 1.6 million square "
                   "meters.")
    assert names(recs) == ["Lize Finance Tower"]
    assert values(recs[0], "area") == [(1_600_000, "APPROX")]


@pytest.mark.parametrize("first,second", [
    ("The International Financial City in Lize will start this year.", "The International Finance City will cost 9 billion yuan."),
    ("The Guangzhou Wanda Cultural Tourism City will open in 2018.", "Wanda City will have three hotels, costing 50 billion yuan."),
    ("Line 17 North Section will open in December.", "The north section of Line 17 will cost 30 billion yuan."),
])
def test_short_forms_and_reorderings_are_one_record(extract, first, second):
    recs = [r for r in extract(first + " " + second) if r.kind == "project"]
    assert len(recs) == 1
    assert recs[0].investment


def test_coordinated_names_are_two_projects(extract):
    recs = by_name(extract("The Xiji Water Plant and the Beiyuan Road Bridge were completed in 2023."))
    assert set(recs) == {"Xiji Water Plant", "Beiyuan Road Bridge"}
    assert all(values(r, "completion") == [("2023", None)] for r in recs.values())


# ---------------------------------------------------------------------- 4. values across boundaries

def test_a_threshold_is_not_a_groups_investment(extract):
    recs = extract("The district launched 29 projects, each worth more than 100 million yuan.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "investment") == []


def test_a_pronoun_after_a_company_is_the_company(extract):
    recs = by_name(extract("The Xinhe Computing Platform will be finished in 2021. Reuters said the company "
                           "behind it is valued at more than $7.5 billion, and it will invest 500 billion yuan."))
    assert values(recs["Xinhe Computing Platform"], "investment") == []


def test_a_count_names_its_group_again(extract):
    recs = extract("The city started five projects, among them the Songjiang Hospital. The five medical "
                   "facilities represent a total investment of 7.77 billion yuan.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "investment") == [(7_770_000_000, None)]


def test_a_place_possessing_a_groups_list(extract):
    recs = extract("So far 96% of the 355 livelihood projects on Fengtai's first list are done.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "locations") == ["Fengtai"]


def test_a_superseded_date_is_no_completion(extract):
    recs = by_name(extract("Originally due in 2024, the Shunyi Children's Hospital is now set to open in mid-2025."))
    assert values(recs["Shunyi Children's Hospital"], "completion") == [("2025", "MID")]


def test_completing_a_part_of_the_works_is_no_completion(extract):
    recs = by_name(extract("The Wanda Culture City will open in 2018. Its structural construction was completed "
                           "in August."))
    assert values(recs["Wanda Culture City"], "completion") == [("2018", None)]


# ---------------------------------------------------------------------- 5. locations beyond districts

@pytest.mark.parametrize("text,place", [
    ("Chaoyang's 12 new projects will cost 8 billion yuan.", "Chaoyang"),
    ("In Fengtai District, 20 major projects started, with a total investment of 40 billion yuan.", "Fengtai District"),
    ("The 20 projects that Haidian is starting this month cost 9 billion yuan.", "Haidian"),
    ("Work resumed on 55 key Lingang projects.", "Lingang"),
])
def test_a_groups_place_from_its_framing(extract, text, place):
    (group,) = [r for r in extract(text) if r.kind == "project_group"]
    assert place in values(group, "locations")


@pytest.mark.parametrize("text,place", [
    ("Located in Xibeiwang Town, the Cuihu Robotics Center will cost 2 billion yuan.", "Xibeiwang Town"),
    ("Sitting in the Liuhe Village area of Tongzhou District, the Liuhe Eye Hospital will open in 2026.",
     "Tongzhou District"),
    ("The Yongshun Tech Park in the city sub-center will cost 5 billion yuan.", "city sub-center"),
])
def test_a_fronted_or_framed_location(extract, text, place):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert place in values(rec, "locations")


def test_a_city_is_never_a_location(extract):
    recs = by_name(extract("The Sanhe Logistics Park in Langfang, Hebei Province, will cost 1 billion yuan."))
    assert values(recs["Sanhe Logistics Park"], "locations") == []


# ---------------------------------------------------------------------- 6. layouts

def test_a_fact_box_belongs_to_the_project_named_above_it(extract):
    text = ("Work started on the Haigang Avenue Overpass Ramps.\n\n  • Total investment: over 400 million yuan\n"
            "  • Planned construction period: 15 months\n")
    recs = by_name(extract(text))
    assert values(recs["Haigang Avenue Overpass Ramps"], "investment") == [(400_000_000, "MORE_THAN")]


def test_a_dated_entry_heading_dates_its_completion(extract):
    recs = by_name(extract("Oct 12, 2019\n\nThe North Wing of the Lingang Satellite Base was completed and put "
                           "into use.", "2019-11-29"))
    (rec,) = recs.values()
    assert values(rec, "completion") == [("2019-10-12", None)]


def test_a_title_case_headline_still_gives_names(extract):
    recs = extract("Beijing's Line 17 North Section Nears Opening\n\nThe north section of Line 17 will open by the "
                   "end of this year.", "2023-07-14")
    (rec,) = [r for r in recs if r.kind == "project"]
    assert values(rec, "completion") == [("2023", "END")]


# ---------------------------------------------------------------------- 7. words

@pytest.mark.parametrize("text,count", [
    ("Forty-eight projects broke ground on Monday.", 48),
    ("Twenty-one projects, including the Taihu Bridge, were completed.", 21),
    ("The district's 120 post-disaster reconstruction projects cost 9 billion yuan.", 120),
])
def test_number_words_and_hyphens_in_groups(extract, text, count):
    (group,) = [r for r in extract(text) if r.kind == "project_group"]
    assert group.count == count


@pytest.mark.parametrize("text,place", [
    ("The Pan-Beijing Logistics Hub in Lin-gang Special Area will cost 1 billion yuan.", "Lin-gang Special Area"),
    ("The Guiyang Data Valley in Gui'an New Area will open in 2025.", "Gui'an New Area"),
])
def test_hyphens_and_apostrophes_in_names(extract, text, place):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert place in values(rec, "locations")


@pytest.mark.parametrize("text,value", [
    ("The Yizhuang Supercomputing Center will provide 300 petaFLOPS.", 300),
    ("The Yizhuang Supercomputing Center will provide 2 EFLOPS.", 2000),
    ("The plan lists 191 major projects with a total investment of about 1.7 Trillion Yuan.", None),
])
def test_unit_spellings_in_any_case(extract, text, value):
    recs = extract(text)
    if value is None:
        (group,) = [r for r in recs if r.kind == "project_group"]
        assert values(group, "investment") == [(1_700_000_000_000, "APPROX")]
    else:
        (rec,) = recs
        assert values(rec, "computing_power") == [(value, None)]


# ---------------------------------------------------------------------- batch n3's rules, own wordings

@pytest.mark.parametrize("text", [
    "The Qinghe Wetland Project covers 40 hectares. Its main works are a boardwalk of 800 square meters, "
    "3,000 square meters of lawns and a pavilion of 120 square meters.",
    "The Xinhe Sports Park covers 40 hectares and consists of a stadium of 9,000 square meters and "
    "2,500 square meters of courts.",
])
def test_a_listed_components_size_is_not_the_projects_area(extract, text):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert values(rec, "area") == [(400_000, None)]


@pytest.mark.parametrize("text", [
    "The expansion of the Dongba Park will add 20 hectares. The existing park covers 50 hectares.",
    "Work began on the Lishui Sports Center extension, which will add 8,000 square meters. "
    "The original building covers 12,000 square meters.",
])
def test_what_already_stands_takes_no_values(extract, text):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1
    assert [v for v, _ in values(recs[0], "area")] in ([200_000], [8_000])


def test_a_numbered_profile_keeps_its_project_through_generic_sub_headings(extract):
    text = ("7. Xinhe River Greenway Project\n\nI. Project Content\n\nThe greenway runs for 12 km.\n\n"
            "II. Investment Estimate\n\nThe project's total investment is 80 million yuan.\n\n"
            "III. Construction Conditions\n\nThe site lies east of the Xinhe Railway Station. "
            "The project borders the Xinhe Canal.")
    recs = by_name(extract(text))
    assert set(recs) == {"Xinhe River Greenway Project"}
    assert values(recs["Xinhe River Greenway Project"], "investment") == [(80_000_000, None)]


@pytest.mark.parametrize("text,value,evidence", [
    ("The Hefei Computing Hub got approval in 2021. By May 2022 its first hall was up and running.",
     "2022-05", "By May 2022"),
    ("The Hefei Computing Hub opened its first hall in March 2022 and put a second hall into service "
     "in July of the same year.", "2022-07", "July of the same year"),
])
def test_phases_going_into_service(extract, text, value, evidence):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert value in [v.value for v in rec.completion]
    assert evidence in [v.text for v in rec.completion]


@pytest.mark.parametrize("text,value", [
    ("The Hefei Computing Hub runs a 200-petaflop cluster.", 200),
    ("The Hefei Computing Hub will add a 1-exaflop machine.", 1000),
])
def test_hyphenated_singular_compute_units(extract, text, value):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert values(rec, "computing_power") == [(value, None)]


@pytest.mark.parametrize("text", [
    "The Xinhe Data Center, built in Shunyi District, will serve users from Haidian District to Fangshan District.",
    "Once Line 31 in Changping District opens, commuters from Yanqing District will need 30 minutes to reach Haidian District.",
    "The Xinhe Data Center in Shunyi District, benefiting firms in Haidian District, opened in 2024.",
])
def test_places_people_travel_from_or_that_are_served_are_no_locations(extract, text):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert values(rec, "locations") in (["Shunyi District"], ["Changping District"])


@pytest.mark.parametrize("text,place", [
    ("Beijing started 90 projects on Monday, holding the launch ceremony at the Lize Business District.",
     "Lize Business District"),
    ("Tianjin started 40 projects with a total investment of 9 billion yuan at a signing event in "
     "Binhai New Area.", "Binhai New Area"),
])
def test_a_ceremony_venue_is_no_groups_location(extract, text, place):
    (group,) = [r for r in extract(text) if r.kind == "project_group"]
    assert place not in values(group, "locations")


@pytest.mark.parametrize("text,member", [
    ("Leading the list are 23 projects, among them the Yizhuang Comprehensive Bonded Zone and the "
     "Xinhe Medical Valley.", "Yizhuang Comprehensive Bonded Zone"),
    ("The 12 projects include the Daxing Airport Free Trade Zone and the Anzhen Hospital expansion.",
     "Daxing Airport Free Trade Zone"),
])
def test_a_zone_listed_among_a_groups_projects_is_a_project(extract, text, member):
    assert member in names(extract(text))


@pytest.mark.parametrize("text", [
    "The Xiong'an branch of Anzhen Hospital opened in May. The Xiong'an branch of Tiantan Hospital will open in 2026.",
    "Work began on the Tongzhou campus of Beijing Normal University; the Tongzhou campus of Capital University "
    "will follow in 2027.",
])
def test_two_owners_sharing_a_short_form_are_two_projects(extract, text):
    assert len(names(extract(text))) == 2


def test_the_heads_word_refers_back_to_its_project(extract):
    recs = by_name(extract("Construction of the Xiong'an branch of Anzhen Hospital began on Monday. "
                           "The new branch is located in the Rongdong area and covers 100 mu."))
    rec = recs["Xiong'an branch of Anzhen Hospital"]
    assert values(rec, "locations") == ["Rongdong area"]
    assert values(rec, "area") == [(66_667.0, None)]


@pytest.mark.parametrize("text", [
    "Li Wei, who heads Xuanwu Hospital, said the new branch would open in 2026.",
    "Zhang Min, who leads the Xinhe Design Institute, spoke at the event.",
])
def test_an_institution_a_person_heads_is_no_project(extract, text):
    assert not names(extract(text))


@pytest.mark.parametrize("text,count,amount", [
    ("Of the 131 projects, 48 billion-yuan projects carry a total investment of 17.8 billion yuan.", 48, 17.8e9),
    ("The city listed 12 billion-yuan projects worth 30 billion yuan in all.", 12, 30e9),
])
def test_a_size_class_before_projects_is_a_count_not_an_amount(extract, text, count, amount):
    groups = {g.count: g for g in extract(text) if g.kind == "project_group"}
    assert values(groups[count], "investment") == [(amount, None)]


@pytest.mark.parametrize("text", [
    "Among them are 20 projects worth 1 billion yuan each.",
    "The city has 30 projects of more than 500 million yuan apiece.",
])
def test_an_amount_each_is_no_groups_total(extract, text):
    (group,) = [r for r in extract(text) if r.kind == "project_group"]
    assert values(group, "investment") == []


def test_a_company_name_with_co_ltd_stays_inside_the_project_name(extract):
    assert names(extract("Work has started on the Hengshui Lianhua Glass Co., Ltd. Smart Kiln Project, "
                         "worth 900 million yuan.")) == ["Hengshui Lianhua Glass Co., Ltd. Smart Kiln Project"]


def test_operational_testing_is_no_completion(extract):
    (rec,) = extract("Since June 3, the Xinhe Campus has been in a phase of operational testing.")
    assert rec.completion == []


# ---------------------------------------------------------------------- batch n4's rules, own wordings

@pytest.mark.parametrize("text,name", [
    ("Work began on the Hefei-Wuhu high-speed railway on Monday.", "Hefei-Wuhu high-speed railway"),
    ("Crews are laying track on the Xi'an-Yan'an high-speed railway project, which will cost 9 billion yuan.",
     "Xi'an-Yan'an high-speed railway project"),
])
def test_lower_case_compound_modifiers_stay_in_the_name(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize("text", [
    "The Tianjin Opera House, Tianjin's largest concert venue, will open in 2026.",
    "Work continues on the Lanzhou Data Park, the first all-green data center in the northwest.",
])
def test_a_superlative_apposition_is_no_second_project(extract, text):
    assert len(names(extract(text))) == 1


@pytest.mark.parametrize("text,amounts", [
    ("The 30 projects absorbed 90 billion yuan, of which 20 billion yuan was completed in 2023.", [90e9, 20e9]),
    ("The 30 projects absorbed 90 billion yuan, with over 200 million yuan invested per day.", [90e9]),
])
def test_an_amount_completed_is_no_completion_and_a_daily_rate_no_total(extract, text, amounts):
    (group,) = [r for r in extract(text) if r.kind == "project_group"]
    assert [v for v, _ in values(group, "investment")] == amounts
    assert group.completion == []


def test_started_or_completed_is_no_completion(extract):
    (group,) = extract("On May 5 the district held a start (completion) event at which 40 projects were "
                       "started or completed.")
    assert group.completion == []


def test_named_phases_in_words_and_the_whole_line_after_them(extract):
    recs = by_name(extract("Metro Line 9 is the largest. Line 9 Phase One has received 20 billion yuan and "
                           "Line 9 Phase Two 12 billion yuan. The line will open in 2027."))
    assert values(recs["Line 9 Phase One"], "investment") == [(20e9, None)]
    assert values(recs["Line 9 Phase Two"], "investment") == [(12e9, None)]
    assert values(recs["Metro Line 9"], "completion") == [("2027", None)]


def test_the_line_refers_only_to_a_line(extract):
    recs = by_name(extract("The old plant, where cars once rolled off the line, became the Xinhe Robot Factory. "
                           "This project alone will cost 6 billion yuan."))
    assert values(recs["Xinhe Robot Factory"], "investment") == [(6e9, None)]


def test_a_value_modifying_a_listed_name_is_that_names(extract):
    recs = extract("The city began 20 new projects. Among them is the 40,000-square-meter data center of "
                   "China Unicom in Guiyang, with a total investment of 700 million yuan.")
    (dc,) = [r for r in recs if r.kind == "project"]
    assert values(dc, "area") == [(40_000, None)]


@pytest.mark.parametrize("text,name", [
    ("Work resumed on the Wujiang Bridge in Yuqing county on Monday.", "Wujiang Bridge"),
    ("Roadbed work stands at 60% on the Yibin-Luzhou Expressway and 45% on the Luzhou-Xuyong Expressway.",
     "Luzhou-Xuyong Expressway"),
])
def test_a_road_the_work_is_on_is_the_works(extract, text, name):
    assert name in names(extract(text))


def test_a_station_at_a_route_end_is_a_location(extract):
    (rec,) = extract("Construction began on the Hefei-Anqing high-speed railway project. The railway runs "
                     "from Hefei South Railway Station in the north to Anqing West Railway Station in the south.")
    assert values(rec, "locations") == ["Hefei South Railway Station", "Anqing West Railway Station"]


def test_a_quoted_nickname_names_the_described_project(extract):
    recs = by_name(extract('The new museum, nicknamed the "Silver Boat," will open in 2026. The venue will '
                           'cover 50,000 square meters.'))
    assert values(recs["Silver Boat"], "area") == [(50_000, None)]


def test_a_value_stated_of_several_projects_together_goes_to_none(extract):
    recs = extract("The three venues, the Tongzhou Theater, the Tongzhou Library and the Canal Museum, will "
                   "together cover 300,000 square meters.")
    assert all(r.area == [] for r in recs)


def test_a_projects_components_are_no_projects(extract):
    recs = extract("The Wuhan Computing Center opened on Monday. The center is made up of three platforms: an "
                   "AI computing platform, a city brain platform and a research platform. Built on Huawei Cloud, "
                   "the city brain platform will serve the city. The center's Smart Data Platform runs 100 P.")
    assert names(recs) == ["Wuhan Computing Center"]
    assert values(recs[0], "computing_power") == [(100, None)]


# ---------------------------------------------------------------------- batch n5's rules, own wordings

def test_the_same_count_twice_is_told_apart_by_its_words(extract):
    recs = extract("The plan has 100 road projects, 100 school projects and 100 park projects. The 100 school "
                   "projects, for which 40 billion yuan is planned, will add 60,000 places.")
    groups = {r.name.text: r for r in recs if r.kind == "project_group"}
    school = next(g for n, g in groups.items() if "school" in n)
    assert values(school, "investment") == [(40e9, None)]
    assert all(g.investment == [] for n, g in groups.items() if "school" not in n)


@pytest.mark.parametrize("text", [
    "Tianjin's list includes 6 projects of more than 3 billion yuan and 20 projects of 1 billion yuan and above.",
    "The district has 9 projects above 2 billion yuan but below 4 billion yuan.",
])
def test_a_size_threshold_is_no_groups_total(extract, text):
    assert all(r.investment == [] for r in extract(text) if r.kind == "project_group")


def test_revenue_after_an_amount_is_no_investment(extract):
    (rec,) = extract("The Xinhe Battery Plant will cost 2 billion yuan and is expected to bring 900 million yuan "
                     "in annual sales revenue.")
    assert values(rec, "investment") == [(2e9, None)]


@pytest.mark.parametrize("text", [
    "Thirty projects got under way in 2021, while 12 have been completed and put into use.",
    "On March 3, 60 projects in the district were either signed or began operating.",
    "The 80 housing projects are to push 50,000 apartments to completion this year.",
])
def test_completions_the_group_does_not_claim(extract, text):
    (group,) = [r for r in extract(text) if r.kind == "project_group"]
    assert group.completion == []


def test_located_in_frame_before_it(extract):
    recs = by_name(extract("The largest new project is the Hongda Glass Plant. Located in Wujiang Economic "
                           "Zone, Yuhang District, it has a total investment of 3 billion yuan."))
    rec = recs["Hongda Glass Plant"]
    assert values(rec, "locations") == ["Wujiang Economic Zone", "Yuhang District"]
    assert values(rec, "investment") == [(3e9, None)]


def test_an_ordinal_phase_is_the_numbered_phase(extract):
    recs = extract("Metro Line 4 Phase II opened on Monday. The second phase of Line 4 runs 12 km.")
    assert names(recs) == ["Metro Line 4 Phase II"]


def test_the_project_whose_x_was_y_is_y(extract):
    recs = by_name(extract("The Lishui Museum opened in 2020. The project whose groundbreaking took place "
                           "today was the Xinhe Data Hub, which will cost 2 billion yuan."))
    assert values(recs["Xinhe Data Hub"], "investment") == [(2e9, None)]
    assert recs["Lishui Museum"].investment == []


def test_a_landmark_that_hosts_is_a_venue(extract):
    recs = extract("The Great Hall of the People hosted the launch of 50 projects, together with the start of "
                   "the second phase of the Xiapu Nuclear Power Plant.")
    assert "Great Hall of the People" not in names(recs)
    assert all("Great Hall of the People" not in values(r, "locations") for r in recs)


def test_a_place_acronym_defined_in_brackets(extract):
    (group,) = [r for r in extract("Work began in Jiangbei New Area (JNA) on 20 projects. JNA has listed "
                                   "60 key projects this year.") if r.count == 60]
    assert values(group, "locations") == ["JNA"]


def test_investment_planned_for_the_year_after_a_groups_total(extract):
    recs = extract("The district listed 80 key projects, with a total investment of 90 billion yuan. "
                   "Investment planned for the year came to 20 billion yuan.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "investment") == [(90e9, None), (20e9, None)]


def test_a_complement_with_a_compound_and_a_head(extract):
    assert "research center for the e-commerce platform of Lianhe Technology" in names(extract(
        "Work began on the research center for the e-commerce platform of Lianhe Technology in May."))


def test_a_year_naming_an_event_is_no_date(extract):
    (rec,) = extract("Yanqing Ski Center, a venue for the 2022 Winter Olympics, was completed on Oct 31.")
    assert [v.value for v in rec.completion] == ["2023-10-31"]


def test_two_station_names_joined_by_and(extract):
    (rec,) = extract("The Xinhe Line opened on Monday. It has 12 stations between China Academy of Art "
                     "Campus Station and West Lake Road Station.")
    assert values(rec, "locations") == ["China Academy of Art Campus Station", "West Lake Road Station"]


# ---------------------------------------------------------------------- batch n6's rules, own wordings

@pytest.mark.parametrize("text", [
    "Visitors love the three new venues of the district: the Xinhe Theater, the Xinhe Museum and the Xinhe "
    "Library. The three venues all opened to the public on May 8.",
    "With two new lines opened, the city has 30 lines. The two new lines are Line 30 and Line 31. "
    "The two lines opened on May 8.",
])
def test_a_counted_set_is_referred_back_to_as_a_whole(extract, text):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) in (2, 3)
    assert all([v.value for v in r.completion] == ["2023-05-08"] for r in recs)


def test_an_operator_is_no_project(extract):
    recs = extract("The Xinhe Theater opened in May. Its shows come from the Xinhe Opera Company Center, "
                   "which runs the theater.")
    assert names(recs) == ["Xinhe Theater"]


def test_a_part_named_in_quotes_after_the_projects_possessive(extract):
    recs = extract('Work on the Tongzhou Library is nearly done. The library\'s signature "Valley Hall" is '
                   'taking shape, and the building covers about 75,000 square meters.')
    assert names(recs) == ["Tongzhou Library"]


def test_an_ordinal_word_inside_a_road_name(extract):
    (rec,) = extract("The widening of the West Fifth Ring Road will be completed in 2026.")
    assert rec.name.text == "widening of the West Fifth Ring Road"


def test_a_back_reference_with_content_needs_that_content(extract):
    recs = by_name(extract("The renovation of Xinhe Road will finish in 2026. Li Ming, director of the museum "
                           "project, said the building covers 9,000 square meters."))
    assert recs["renovation of Xinhe Road"].area == []


def test_what_a_place_is_home_to_is_no_location(extract):
    (rec,) = extract("The Xinhe Resort opened on Monday in Tongzhou District, which is home to the Beijing "
                     "Municipal Administrative Center.")
    assert values(rec, "locations") == ["Tongzhou District"]


def test_areas_after_of_which_are_parts(extract):
    (rec,) = extract("The Lishui Data Park has a construction area of 90,000 sq m, of which 80,000 square "
                     "meters is for offices.")
    assert values(rec, "area") == [(90_000, None)]


def test_the_opening_of_a_phase_is_its_completion(extract):
    (rec,) = extract("An event on Sept 2 marked the opening of the first phase of the Lishui Data Park.")
    assert [v.value for v in rec.completion] == ["2023-09-02"]


def test_a_profile_with_generic_sub_headings_and_a_contact_address(extract):
    text = ("Construction Project of Xinhe Wetland Park\n\nI. Project Description\nThe park covers 30 hectares."
            "\n\nIV. Total Investment and Cooperation Form\nThe project's total investment is RMB 1.2 billion Yuan."
            "\n\nAddress: Lucheng Town, Tongzhou District\n")
    (rec,) = extract(text)
    assert values(rec, "investment") == [(1.2e9, None)]
    assert rec.locations == []


# ---------------------------------------------------------------------- batch n7's rules, own wordings

def test_a_subset_of_a_counted_list(extract):
    recs = extract("The district said 30 of 95 projects under the plan had been completed by the end of last year.")
    groups = {g.count: g for g in recs if g.kind == "project_group"}
    assert set(groups) == {30, 95}
    assert [v.value for v in groups[30].completion] == ["2023"] and groups[95].completion == []


def test_level_suffixes_do_not_split_a_group(extract):
    recs = extract("Fuzhou starts 40 major provincial projects. The 40 major provincial-level projects carry "
                   "a total investment of 30 billion yuan.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "investment") == [(30e9, None)]


@pytest.mark.parametrize("text", [
    "China's flagship neutron source, the Dongguan Neutron Facility, will open in 2027.",
    "Light now reaches all 12 planned Phase I beamlines of the Dongguan Neutron Facility, which opens in 2027.",
])
def test_a_countrys_description_and_a_bare_phase_are_no_projects(extract, text):
    assert names(extract(text)) == ["Dongguan Neutron Facility"]


def test_centre_and_center_are_one_name(extract):
    recs = extract("The Shatin AI Computing Centre opened on Monday. The AI computing center at Shatin will "
                   "reach 500 petaflops next year.")
    assert len([r for r in recs if r.kind == "project"]) == 1


def test_a_subsidy_scheme_is_no_investment(extract):
    (rec,) = extract("The Shatin AI Computing Centre opened on Monday; the government set aside HK$2 billion "
                     "($256 million) for a three-year subsidy scheme.")
    assert rec.investment == []


def test_together_with_after_the_date_shares_it(extract):
    recs = extract("Line 5 opened to the public on June 1, together with Line 8 (shown above) and extensions "
                   "of the Yizhuang Line.")
    assert len(recs) == 3 and all([v.value for v in r.completion] == ["2023-06-01"] for r in recs)


@pytest.mark.parametrize("text", [
    "Line 1, Line 2 and Line 6 drew 8 billion yuan in investment.",
    "Hospitals, in particular the Xinhe Hospital and the Dongba Hospital expansion, received 700 million yuan.",
])
def test_an_amount_after_a_list_is_the_lists(extract, text):
    assert all(r.investment == [] for r in extract(text))


def test_a_listed_projects_own_value(extract):
    recs = by_name(extract("They include the Xinhe Robot Project, with a total investment of 1 billion yuan, and "
                           "the Dongba Chip Project, with a total investment of 2 billion yuan."))
    assert values(recs["Xinhe Robot Project"], "investment") == [(1e9, None)]
    assert values(recs["Dongba Chip Project"], "investment") == [(2e9, None)]


def test_a_landmark_south_of_which_a_plot_lies_is_no_project(extract):
    assert "Xinhe Chest Hospital" not in names(extract(
        "The Xinhe Plant will cost 3 billion yuan. Its site lies south of the Xinhe Chest Hospital."))


def test_a_plural_possessive_inside_a_station_name(extract):
    recs = extract("Line 30 opened on Monday. We boarded it at Farmers' Market Station.")
    assert "Market Station" not in names(recs)
    assert all("Farmers' Market Station" not in values(r, "locations") for r in recs)


def test_money_put_into_a_park_keeps_it_a_project(extract):
    (rec,) = extract("Macao is putting 5 billion yuan into the Cotai Sports Park, which will be completed by 2027.")
    assert values(rec, "investment") == [(5e9, None)]


def test_the_short_form_ending_in_project(extract):
    recs = extract("The first phase of the Maluan Bay logistics functional zone had a total investment of 8 billion "
                   "yuan. The Maluan Bay project will open in 2026.")
    assert names(recs) == ["Maluan Bay logistics functional zone"]


def test_an_offices_address_is_no_location(extract):
    (rec,) = extract("Xinhe Industrial Park\n\n1. Contact unit: Bureau of Commerce, Cangshan District\n\n"
                     "2. The Xinhe Industrial Park will cover 50 hectares.")
    assert rec.locations == []


# ---------------------------------------------------------------------- batch n8's rules, own wordings

@pytest.mark.parametrize("text,name", [
    ("Work began on the capacity upgrade project for the final assembly of the C929 wide-body aircraft in May.",
     "capacity upgrade project for the final assembly of the C929"),
    ("These include the production and research base of the third-generation solid-state battery of Xinhe Energy.",
     "production and research base of the third-generation solid-state battery of Xinhe Energy"),
])
def test_long_lower_case_names_of_project_lists(extract, text, name):
    assert name in names(extract(text))


def test_a_branch_keeps_its_institution(extract):
    assert "Phase II project of the Xishan branch of Dongfang Hospital" in names(extract(
        "Work began on the Phase II project of the Xishan branch of Dongfang Hospital in May."))


def test_a_bracketed_section_belongs_to_the_name(extract):
    assert "Xi'an-Shiyan High-Speed Railway (Shaanxi Section)" in names(extract(
        "Construction of the Xi'an-Shiyan High-Speed Railway (Shaanxi Section) began on Monday."))


def test_a_hyphenated_verb_in_a_headline_ends_the_name(extract):
    recs = extract("Xinhe Subway Line 9 fast-tracks station work\n\nLine 9 will cost 30 billion yuan.")
    assert "Xinhe Subway Line 9 fast-tracks station" not in names(recs)


def test_a_head_before_a_role_noun_is_no_name(extract):
    recs = extract("The inspection spurred project teams to aim higher, and park workers joined in.")
    assert names(recs) == []


def test_groups_with_listed_modifiers(extract):
    recs = extract("The district manages 183 provincial, municipal, and district key projects.")
    assert [g.count for g in recs if g.kind == "project_group"] == [183]


def test_a_value_in_a_back_reference_and_a_route_through_to(extract):
    (rec,) = extract("Line 9 will run from Tiancun through to Dongba North. Construction of the CNY 30 billion line "
                     "started in 2020.")
    assert values(rec, "locations") == ["Tiancun", "Dongba North"]
    assert values(rec, "investment") == [(30e9, None)]


def test_a_relative_clause_is_not_the_subject_of_the_value(extract):
    recs = extract("The Tianhe-3 computer, which the Tianjin Computing Facility built in 2021, reached 200 petaflops.")
    assert all(r.computing_power == [] for r in recs)


def test_a_shared_short_form_of_two_medical_centers(extract):
    recs = extract("The Xinhe Hongqiao International Medical Center has begun trial operations now that the Xinhe Everbright "
                   "International Medical Center is running. The medical center covers 100 hectares.")
    assert len([r for r in recs if r.kind == "project"]) == 2


def test_the_countrys_ordinal_center(extract):
    recs = extract("Xi'an will build the country's ninth national supercomputer center, which is expected to be "
                   "completed in the first half of next year.")
    (rec,) = recs
    assert [v.value for v in rec.completion] == ["2025-H1"]


def test_an_acronym_with_of_in_its_expansion(extract):
    recs = extract("The Xinhe Campus of Capital University of Economics (CUE) will open in 2026. CUE's Xinhe Campus "
                   "covers 60 hectares.")
    assert len([r for r in recs if r.kind == "project"]) == 1


# ---------------------------------------------------------------------- batch n9's rules, own wordings

def test_a_group_named_again_by_its_words(extract):
    recs = extract("The list holds 120 key projects with a total investment of 900 billion yuan, and 80 major "
                   "energy projects. The province is busy. Officials spoke. Work goes on. Many are keen. "
                   "The major energy projects have a total investment of 300 billion yuan.")
    groups = {g.count: g for g in recs if g.kind == "project_group"}
    assert values(groups[80], "investment") == [(300e9, None)]
    assert values(groups[120], "investment") == [(900e9, None)]


def test_they_opening_a_sentence_is_the_group(extract):
    recs = extract("The province regards the 90 key construction projects as vital. They carry a total "
                   "investment of 500 billion yuan.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "investment") == [(500e9, None)]


def test_listed_projects_each_with_a_value_in_a_relative_clause(extract):
    recs = by_name(extract("The list includes the Xinhe Solar Project, which has received an investment of 2 "
                           "billion yuan, and the Dongba Dairy Project, with an investment of 1 billion yuan."))
    assert values(recs["Xinhe Solar Project"], "investment") == [(2e9, None)]
    assert values(recs["Dongba Dairy Project"], "investment") == [(1e9, None)]


def test_a_plans_title_names_no_project(extract):
    assert names(extract("The goal is set out in the Three-Year Action Plan for Xinhe's Industrial Park Upgrading "
                         "and Quality Improvement, issued in 2021.")) == []


def test_its_buildings_are_components(extract):
    recs = extract("The Xinhe Olympic Park opened on Oct. 26. Its buildings include the Xinhe Ski Platform, the "
                   "main operation center of the Games and the national training center.")
    assert names(recs) == ["Xinhe Olympic Park"]


def test_a_subset_and_a_colon_list_of_a_group(extract):
    recs = extract("Ten of the 13 venue projects will be finished by the end of this year. While ten of these "
                   "projects should be completed within this year, another three projects will be finished in "
                   "2025: the renovation of the Xinhe Stadium; the second phase of the Dongba Convention Center "
                   "project; and the Medals Plaza.")
    groups = {g.count: g for g in recs if g.kind == "project_group"}
    assert 10 in groups and 13 in groups
    projects = [r for r in recs if r.kind == "project"]
    assert len(projects) == 3 and all([v.value for v in r.completion] == ["2025"] for r in projects)


def test_a_sentence_opening_gerund_is_no_part_of_a_name(extract):
    recs = extract("Expansion Project of Lishui People's Hospital\n\nExtending Lishui People's Hospital is vital "
                   "for the new district.")
    assert "Extending Lishui People's Hospital" not in names(recs)


def test_one_of_the_projects_is_no_group(extract):
    recs = extract("One of the projects on the list is the Xinhe Pumped Storage Power Station, which has an "
                   "investment of 8 billion yuan.")
    assert [r for r in recs if r.kind == "project_group"] == []


# ---------------------------------------------------------------------- batch n10's rules, own wordings

@pytest.mark.parametrize("text,value,currency", [
    ("A 12-billion-yuan ($1.7-billion) investment will pay for the Xinhe Tower.", 12e9, "CNY"),
    ("The Xinhe Tower, a 3-billion-yuan project, will open in 2026.", 3e9, "CNY"),
])
def test_hyphenated_amounts(extract, text, value, currency):
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert [(v.value, v.currency) for v in rec.investment] == [(value, currency)]


def test_the_square_metre_sign(extract):
    (rec,) = extract("The Xinhe Hospital, which opened in May, has a total construction area of 300,000㎡.")
    assert values(rec, "area") == [(300_000, None)]


def test_islands_and_lakes_are_places(extract):
    (rec,) = extract("The Xinhe Hospital, located in Hengqin Island, opened in May.")
    assert values(rec, "locations") == ["Hengqin Island"]


def test_a_numbered_national_highway(extract):
    assert "renovation of No 318 national highway" in names(extract(
        "Work began on the renovation of No 318 national highway in Yanqing district."))


def test_the_core_area_of_a_base_is_a_place(extract):
    recs = extract("The Xinhe Hospital sits in the core area of the national aviation industry base and opened in May.")
    assert names(recs) == ["Xinhe Hospital"]


def test_an_expressway_a_bridge_is_on_is_its_location(extract):
    (rec,) = extract("The Beipan Bridge opened to traffic on Monday. It will act as a key link on the "
                     "Duyun-Shanghai Expressway.")
    assert values(rec, "locations") == ["Duyun-Shanghai Expressway"]


@pytest.mark.parametrize("text", [
    "Wuhan opened three new metro lines on Friday. The network now runs 500 km. The lines that opened are "
    "Line 16, Line 19 and Line 21.",
    "Wuhan put three new metro lines into operation on Friday. The three new lines are Line 16; Line 19; and Line 21.",
])
def test_a_date_stated_of_a_count_goes_to_the_list_that_names_it(extract, text):
    recs = [r for r in extract(text, "2024-01-28") if r.kind == "project"]
    assert len(recs) == 3 and all([v.value for v in r.completion] == ["2024-01-26"] for r in recs)


def test_a_place_inside_a_counting_phrase_goes_to_each_member(extract):
    recs = [r for r in extract("Visitors love the three new venues of Haidian District: the Xinhe Theater, the Xinhe "
                               "Museum and the Xinhe Library. The three venues all opened on May 8.")
            if r.kind == "project"]
    assert len(recs) == 3 and all(values(r, "locations") == ["Haidian District"] for r in recs)


# ---------------------------------------------------------------------- batches n11 and n12, own wordings

@pytest.mark.parametrize("text,name", [
    ("The town plans to build the Haidian No. 2 Middle School by 2026.", "Haidian No. 2 Middle School"),
    ("Work on the Xinhe No. 3 Water Plant resumed in May.", "Xinhe No. 3 Water Plant"),
])
def test_a_numbered_name_keeps_its_number(extract, text, name):
    assert name in names(extract(text))


def test_a_so_called_category_in_quotes_is_no_project(extract):
    recs = extract('Twelve projects were signed, all by firms on the so-called "Top 100 Private Enterprises". '
                   'They will cost 8 billion yuan.')
    assert [r.name.text for r in recs if r.kind == "project" and r.count is None] == []


@pytest.mark.parametrize("text", [
    "Five projects were signed on Monday. They include:\n1. Xinhe Logistics Base in Qiaoxi District;\n"
    "2. Jinlong Shopping Mall in Chengnan Town; and\n3. the Lanting Data Center.",
    "The key projects are as follows:\n- Xinhe Logistics Base\n- Jinlong Shopping Mall\n- Lanting Data Center",
])
def test_items_of_an_announced_list_are_projects(extract, text):
    got = names(extract(text))
    assert {"Xinhe Logistics Base", "Jinlong Shopping Mall", "Lanting Data Center"} <= set(got)


def test_a_list_of_stations_is_no_list_of_projects(extract):
    recs = extract("Line 30 will open by 2026.\n\nIts stops, from north to south:\n\n• Xinhe North\n"
                   "• Olympic Stadium (change to Line 8)\n• Fuxing Gate")
    assert names(recs) == ["Line 30"]


@pytest.mark.parametrize("text", [
    "Work began on turning the Xinhe Paper Factory in Fengtai District into the Xinhe Creative Park, at a cost of 2 billion yuan.",
    "The city is converting the old Fuxing Steel Plant, idle since 2010, into the Fuxing Sports Center.",
])
def test_what_a_works_is_made_from_is_no_project(extract, text):
    got = names(extract(text))
    assert not any("Paper" in n or "Steel" in n for n in got) and len(got) == 1


def test_an_undefined_acronym_spelled_by_another_name_corefers(extract):
    recs = [r for r in extract("The firm will build its PRD data center in Nansha. Its Pearl River Delta data center "
                               "will cost 3 billion yuan.") if r.kind == "project"]
    assert len(recs) == 1 and [v.value for v in recs[0].investment] == [3e9]


def test_each_district_of_a_list_is_a_location(extract):
    (rec,) = extract("The Xinhe Greenway, which opened in May, runs through the districts of Beilin, Yanta and Lianhu.")
    assert values(rec, "locations") == ["Beilin", "Yanta", "Lianhu"]


def test_a_route_clause_ends_at_a_semicolon(extract):
    recs = [r for r in extract("Three new lines opened on Sunday. The three new lines are Line 40, running from Xinhe "
                               "to Jinlong; Line 41; and the eastern extension of the Lanting Line.", "2024-11-10")
            if r.kind == "project"]
    assert {r.name.text for r in recs} == {"Line 40", "Line 41", "eastern extension of the Lanting Line"}
    assert all(values(r, "locations") != ["the eastern extension of the Lanting Line"] for r in recs)


@pytest.mark.parametrize("text", [
    "The Xinhe Library stands close to the Fuxing Museum and will open in May.",
    "The Xinhe Library, next to the Fuxing Museum, will open in May.",
])
def test_a_building_a_works_stands_close_to_is_a_landmark(extract, text):
    assert names(extract(text)) == ["Xinhe Library"]


def test_an_office_cluster_heading_names_its_fact_box(extract):
    recs = extract("Xinhe New Town office cluster\n\nLocation: Fuxing district\nInvestment: 4 billion yuan\n")
    assert names(recs) == ["Xinhe New Town office cluster"] and [v.value for v in recs[0].investment] == [4e9]


def test_a_possessed_project_noun_corefers_with_the_full_name(extract):
    recs = [r for r in extract("Lanxin will build the Lanxin Western China cloud computing center in Fuxing District. "
                               "Lanxin's computing center project will cost 6 billion yuan.") if r.kind == "project"]
    assert len(recs) == 1 and [v.value for v in recs[0].investment] == [6e9]


@pytest.mark.parametrize("text", [
    "The list holds 150 transport projects. Those located in Haizhu include the Jinlong Tunnel and the Lanting Bridge.",
    "Projects in Fengtai District include the Jinlong Tunnel and the Lanting Bridge.",
])
def test_a_place_framing_a_list_goes_to_each_listed_project(extract, text):
    recs = [r for r in extract(text) if r.kind == "project" and r.count is None]
    assert {r.name.text for r in recs} == {"Jinlong Tunnel", "Lanting Bridge"}
    assert all(len(values(r, "locations")) == 1 for r in recs)


# ---------------------------------------------------------------------- batches n13 and n14, own wordings

@pytest.mark.parametrize("text", [
    "Haidian will also open four parks this year: Xinhe Park, Fuxing Bamboo Park, Lanting Park and Qiaoxi Park.",
    "Jinlong District will build three schools in 2026: Xinhe School, Fuxing School and Lanting School.",
])
def test_members_of_a_counted_list_are_projects_and_share_its_opening_place(extract, text):
    recs = [r for r in extract(text) if r.kind == "project" and r.count is None]
    assert len(recs) in (3, 4) and all(len(values(r, "locations")) == 1 for r in recs)


def test_the_stops_a_line_will_have_are_no_projects(extract):
    recs = extract("Line 30 will open in June. It will have three stops, Xinhe Station, Fuxing Station and "
                   "Lanting Station, which will begin operating with the line.")
    assert names(recs) == ["Line 30"]


@pytest.mark.parametrize("text", [
    "Work will begin on the Xinhe Central Park, which is also called Jinlong Riverside Park. It will cost 2 billion yuan.",
    "The Xinhe Central Park, also known as Jinlong Riverside Park, will cost 2 billion yuan.",
])
def test_a_name_given_as_also_called_is_an_alias(extract, text):
    (rec,) = extract(text)
    assert rec.name.text == "Xinhe Central Park" and "Jinlong Riverside Park" in rec.aliases


def test_roads_of_an_intersection_are_places(extract):
    (rec,) = extract("The Xinhe Hospital will open in May. It sits at the intersection of Jinlong Road and "
                     "Fuxing Expressway in Qiaoxi Subdistrict.")
    assert rec.name.text == "Xinhe Hospital"
    assert values(rec, "locations") == ["Jinlong Road", "Fuxing Expressway", "Qiaoxi Subdistrict"]


def test_where_a_branch_sits_is_no_part_of_its_name(extract):
    (rec,) = extract("Work started on the Xiongan branch of Beijing Jinlong Hospital in Xiongan New Area, a key project.")
    assert rec.name.text == "Xiongan branch of Beijing Jinlong Hospital"


@pytest.mark.parametrize("text,name", [
    ("The Xinhe Intelligent Computing Center (Harbin) will be put into use on August 30.",
     "Xinhe Intelligent Computing Center (Harbin)"),
    ("Construction Project on Jinlong Forest Park of Fuxing County\n\nInvestment: 80 million yuan",
     "Construction Project on Jinlong Forest Park of Fuxing County"),
])
def test_a_site_in_brackets_and_a_project_on_a_place_are_part_of_the_name(extract, text, name):
    assert names(extract(text)) == [name]


@pytest.mark.parametrize("text", [
    "World Focus: Longest tunnel in the province nears completion\n\nThe Jinlong Tunnel will open next year.",
    "Three new metro lines begin service\n\nThe Jinlong Tunnel will open next year.",
])
def test_headline_superlatives_and_counts_are_no_names(extract, text):
    assert names(extract(text)) == ["Jinlong Tunnel"]


def test_an_acronym_in_brackets_does_not_break_a_list(extract):
    recs = extract("The Jinlong Arts Centre (JAC), Xinhe Library and the Fuxing Museum (FM) opened together on "
                   "May 8, 2024.")
    assert len(recs) == 3 and all([v.value for v in r.completion] == ["2024-05-08"] for r in recs)


def test_this_years_projects_refers_to_the_group(extract):
    (rec,) = extract("Jinlong District presented 40 major projects on Monday. This year's projects carry a total "
                     "investment of 30 billion yuan.")
    assert rec.count == 40 and [v.value for v in rec.investment] == [30e9]


@pytest.mark.parametrize("text,name", [
    ("Projects such as the Jinlong-Xinhe Express Rail Link will open in 2026.", "Jinlong-Xinhe Express Rail Link"),
    ("In Xinhe, the maker Jinlong inaugurated its new industrial park this month. Jinlong's new industrial park "
     "will cost 2 billion yuan.", "Jinlong's new industrial park"),
])
def test_a_rail_link_and_an_owners_works_are_projects(extract, text, name):
    assert name in names(extract(text))


def test_what_a_works_helps_make_is_not_its_location(extract):
    (rec,) = extract("The Jinlong ethylene project opened in May. It will help make the Pearl River Delta Economic "
                     "Zone a powerhouse of the industry.")
    assert values(rec, "locations") == []


def test_both_projects_refers_to_the_counted_group(extract):
    recs = extract("The city began two major science projects, the Xinhe Light Source and the Jinlong Imaging "
                   "Facility. Both projects were launched on Saturday in Huairou District.")
    (group,) = [r for r in recs if r.kind == "project_group"]
    assert values(group, "locations") == ["Huairou District"]


@pytest.mark.parametrize("text", [
    "Line 40, Line 41 and the first phase of Line 42 went into operation on Dec 28.",
    "Line 40, Line 41 and the northern section of Line 42 opened to traffic on Dec 28.",
])
def test_a_phase_of_a_line_does_not_break_a_list(extract, text):
    recs = extract(text, "2024-11-10")
    assert len(recs) == 3 and all([v.value for v in r.completion] == ["2023-12-28"] for r in recs)


def test_a_name_between_a_cue_and_its_date_does_not_count_against_its_reach(extract):
    (rec,) = extract("Fujian Province in southeastern China opened its first metro line, Jinlong Subway Line 1, in "
                     "the provincial capital of Fuzhou on Friday.", "2024-11-10")
    assert [v.value for v in rec.completion] == ["2024-11-08"]


def test_a_date_after_a_later_cue_is_that_cues(extract):
    recs = extract("The Xinhe Airport terminal has completed its first test flight, and track laying has been "
                   "finished on the Jinlong-Fuxing Railway, a new line expected to open to traffic by the end of "
                   "this year.", "2024-11-10")
    got = {r.name.text: [v.value for v in r.completion] for r in recs}
    assert got.get("Xinhe Airport terminal", []) == [] and got["Jinlong-Fuxing Railway"] == ["2024"]


def test_a_start_date_before_an_opening_cue_is_not_its_date(extract):
    (rec,) = extract("Work on the Jinlong Line started in April 2011, and a southern section of the line opened "
                     "for trial operation.", "2024-11-10")
    assert rec.completion == []


# ---------------------------------------------------------------------- batches n15 and n16, own wordings

@pytest.mark.parametrize("text,name", [
    ("Work on Happy Valley Chengdu is expected to be finished by the end of 2026.", "Happy Valley Chengdu"),
    ("Officials said Ocean Kingdom Sanya will open in the summer of 2026.", "Ocean Kingdom Sanya"),
    ("Sanya's $2 billion Ocean Kingdom set to open in 2026", "Ocean Kingdom"),
])
def test_a_name_without_a_head_noun_is_a_project_where_the_text_says_so(extract, text, name):
    assert names(extract(text, "2024-11-10")) == [name]


@pytest.mark.parametrize("text", [
    "Reporters were told that China Unicom will open its data centres in Harbin in 2026.",
    "Ten of the venues of the 2026 Harbin Asian Winter Games are expected to be finished by the end of this year.",
    "Work on Haidian District is expected to be finished soon.",
])
def test_agents_events_and_places_are_no_headless_names(extract, text):
    assert [r for r in extract(text, "2024-11-10") if r.kind == "project" and r.count is None] == []


@pytest.mark.parametrize("a,b,same", [
    ("Sanya Ocean", "Sanya Oceanland", True),
    ("Shanghai Disney", "Shanghai Disneyland", True),
    ("Xinhe Park", "Xinhe Parkway", False),  # ("Park" is shorter than five letters)
    ("Jinlong Tower", "Fuxing Towers", False),
])
def test_a_shortened_last_word_corefers(a, b, same):
    from extractor.linking import names_corefer
    assert names_corefer(a, b, {}) is same


def test_a_point_before_three_zeros_separates_thousands(extract):
    (rec,) = extract("New Xinhe Airport\n\nTerminal area: 700.000 m²\nCompletion date: May 2026\n")
    assert values(rec, "area") == [(700_000, None)]


@pytest.mark.parametrize("text,value", [
    # published on a Sunday: a future "on Sunday" is that day (README decision; n48_09, n49_03 are such
    # reports: a Friday's and a Sunday's paper announcing that day's opening); "next Sunday" is the week after
    ("The Jinlong Link will start pilot operation on Sunday.", "2024-11-10"),
    ("The Jinlong Link will start pilot operation next Sunday.", "2024-11-17"),
    ("The Jinlong Link will start pilot operation on Tuesday.", "2024-11-12"),
    ("Jinlong Airport\n\nConstruction start: December 2020\nOperation date: End of 2026\n", "2026"),
])
def test_pilot_operations_and_operation_dates_are_completions(extract, text, value):
    (rec,) = extract(text, "2024-11-10")
    assert [v.value for v in rec.completion] == [value]


def test_a_lower_case_village_is_a_place(extract):
    (rec,) = extract("Line 30, which runs from Xinhe village to the airport, will open by the end of 2026.")
    assert values(rec, "locations") == ["Xinhe village"]


@pytest.mark.parametrize("text,value", [
    ("In operation since September 2020, the Xinhe Supercomputing Center ranks among the fastest.", "2020-09"),
    ("The Xinhe Bridge, in service since May 2019, carries 40,000 cars a day.", "2019-05"),
])
def test_in_operation_since_dates_a_completion(extract, text, value):
    (rec,) = extract(text, "2024-11-10")
    assert [v.value for v in rec.completion] == [value]


def test_a_place_where_a_project_is_located_is_its_location(extract):
    (rec,) = extract("The ceremony was held in the village of Fuxing in Jinlong Town, where the Xinhe School "
                     "Campus Project is located. The new campus will open in 2026.", "2024-11-10")
    assert rec.name.text == "Xinhe School Campus Project"
    assert values(rec, "locations") == ["Fuxing", "Jinlong Town"]


def test_a_total_after_listed_subgroups_is_the_whole_groups(extract):
    recs = extract("This time Haidian District started 20 projects, including 5 urban renewal projects and 15 "
                   "infrastructure projects, with a total investment of 8 billion yuan.")
    by_count = {r.count: r for r in recs}
    assert [v.value for v in by_count[20].investment] == [8e9] and by_count[15].investment == []
    assert values(by_count[20], "locations") == ["Haidian District"]


@pytest.mark.parametrize("text,name", [
    ("Called Jinlong Subway No 11, the line opened on Monday.", "Jinlong Subway No 11"),
    ("Line No. 5 will open next year.", "Line No. 5"),
])
def test_a_designator_takes_a_numbered_code(extract, text, name):
    assert names(extract(text, "2024-11-10")) == [name]


def test_a_laboratory_a_machine_is_put_to_use_in_is_a_place(extract):
    recs = extract("The ministry announced a plan for the Xinhe supercomputer, which will be put to use in the "
                   "Jinlong National Laboratory in 2026.", "2024-11-10")
    assert all(r.name.text != "Jinlong National Laboratory" for r in recs)


@pytest.mark.parametrize("text,expected", [
    ("Work on 40 new projects such as Jinlong Optics and Xinhe Fibers started this year.",
     {"Jinlong Optics", "Xinhe Fibers"}),
    ("Equipment is being installed at the Jinlong New Energy Battery and Xinhe Wheel Hub projects.",
     {"Jinlong New Energy Battery", "Xinhe Wheel Hub"}),
])
def test_headless_examples_of_a_group_and_of_plural_projects(extract, text, expected):
    assert expected <= set(names(extract(text)))


@pytest.mark.parametrize("text", [
    "The Xinhe Telecom Computing Center (Harbin) opened on Friday. The Harbin computing center has 6,000 P of power.",
    "Jinlong's Wuhan Artificial Intelligence Computing Center opened on Friday. The AI computing center in Wuhan "
    "offers 100P FLOPS.",
])
def test_a_site_in_brackets_and_a_common_acronym_corefer(extract, text):
    recs = [r for r in extract(text, "2024-11-10") if r.kind == "project"]
    assert len(recs) == 1 and len(recs[0].computing_power) == 1


@pytest.mark.parametrize("text,year", [
    ("The Xinhe Oval will host the speed skating events of Beijing 2022 and open to the public later.", None),
    ("The Xinhe Pavilion, built for Expo 2010, will open to the public in 2026.", "2026"),
])
def test_a_city_or_event_before_a_year_names_an_event(extract, text, year):
    (rec,) = extract(text, "2020-07-29")
    assert [v.value for v in rec.completion] == ([year] if year else [])


def test_a_name_before_an_ampersand_and_a_capital_is_a_longer_company_name(extract):
    recs = extract("Jinlong Parks & Resorts plans to open the Xinhe Theme Park in Beijing by 2026.", "2024-11-10")
    assert names(recs) == ["Xinhe Theme Park"]


# ---------------------------------------------------------------------- batches n17 and n18, own wordings

def test_an_apposition_naming_the_whole_is_not_the_subject(extract):
    recs = {r.name.text: r for r in extract("The 900-meter Xinhe Bridge, a key part of the Jinlong Expressway, was "
                                            "completed and opened to traffic on Wednesday.", "2024-11-10")}
    assert [v.value for v in recs["Xinhe Bridge"].completion] == ["2024-11-06"] and "Jinlong Expressway" not in recs


def test_a_headless_name_is_the_start_of_a_longer_one(extract):
    (rec,) = [r for r in extract("The Jinlong Ocean Resort is among the most awaited. Reports said Jinlong Ocean will "
                                 "formally open in May next year.", "2024-11-10") if r.kind == "project"]
    assert rec.name.text == "Jinlong Ocean Resort" and [v.value for v in rec.completion] == ["2025-05"]


def test_a_bare_count_said_again_later_is_another_set(extract):
    recs = [r for r in extract("Xinhe lines up 40 projects\n\nXinhe held a ceremony on Monday for its 40 projects. "
                               "On the same day, Jinlong County "
                               "began work on five projects worth 2 billion yuan. In the Fuxing Industrial Park, five "
                               "projects worth 650 million yuan were completed.") if r.kind == "project_group"]
    fives = [r for r in recs if r.count == 5]
    assert len(fives) == 2 and sorted(v.value for r in fives for v in r.investment) == [650e6, 2e9]


def test_the_first_twenty_projects_said_again_are_one_set(extract):
    recs = [r for r in extract("Work has started on the first 20 projects of the Xinhe Park. The first 20 projects "
                               "under construction also include schools.") if r.kind == "project_group"]
    assert len(recs) == 1


def test_projects_on_a_list_are_named_after_are(extract):
    got = set(names(extract("Further new projects on the list are a science platform in Xinhe Town, the "
                            "Jinlong-Fuxing Railway and the Xinhe logistics hub.")))
    assert {"Jinlong-Fuxing Railway", "Xinhe logistics hub"} <= got


def test_an_owners_indefinite_works_starts_production(extract):
    (rec,) = extract("One of them, a steel mill of Jinlong Group, is expected to start production in February 2026.",
                     "2024-11-10")
    assert rec.name.text == "steel mill of Jinlong Group" and [v.value for v in rec.completion] == ["2026-02"]


def test_a_pronoun_after_an_indefinite_subject_is_not_an_earlier_project(extract):
    recs = extract("The Xinhe Youth Center will open in September 2025.\nA two billion yuan battery park is close to "
                   "completion. It is due to begin production in late 2025, and it has reached 80% of its target.",
                   "2024-11-10")
    assert [[v.value for v in r.completion] for r in recs] == [["2025-09"]]


def test_lower_case_stations_a_line_runs_between_are_its_locations(extract):
    (rec,) = extract("Line 40 will open in 2026. It will begin at Xinhe station in the south and end at Jinlong "
                     "station in the north.", "2024-11-10")
    assert values(rec, "locations") == ["Xinhe station", "Jinlong station"]


def test_dates_of_a_projects_unnamed_phases_respectively_go_to_it(extract):
    (rec,) = extract("The Xinhe Square carries a total investment of 9 billion yuan. Its first and second phases "
                     "were completed in March and April this year, respectively.", "2024-11-10")
    assert [v.value for v in rec.completion] == ["2024-03", "2024-04"]


@pytest.mark.parametrize("text,place", [
    ("Another key project, the Xinhe Service Center, is located in the north starting area of Jinlong Knowledge "
     "City. It will cost 4 billion yuan.", "north starting area of Jinlong Knowledge City"),
    ("The Fuxing Hospital sits in the start-up area of Lanting New Area and will open in 2026.",
     "start-up area of Lanting New Area"),
])
def test_a_starting_area_of_a_new_town_is_a_place(extract, text, place):
    (rec,) = extract(text, "2024-11-10")
    assert values(rec, "locations") == [place]


# ---------------------------------------------------------------------- batches n19-n21

@pytest.mark.parametrize("text,name", [
    ("Ningbo Rail Transit put metro Line 7 into service on Friday.", "Line 7"),
    ("Hangzhou Metro opened metro Line 19 last week.", "Line 19"),
    ("The newly completed Kawin Ring Expressway runs 120 km.", "Kawin Ring Expressway"),
    ("Xinhe Group officially launched Xinhe Data Center in March.", "Xinhe Data Center"),
])
def test_a_verb_before_a_name_ends_it(extract, text, name):
    assert names(extract(text)) == [name]


def test_companies_and_a_verb_are_no_part_of_a_lower_case_name(extract):
    text = "Huawei, Foxconn and Apple each started building huge data center facilities of their own."
    assert not [n for n in names(extract(text)) if "Foxconn" in n or "started" in n]


def test_a_definite_kind_noun_refers_to_the_project_of_that_kind_not_the_nearest(extract):
    recs = by_name(extract("The Kawin Resort finished its main works this spring. Work covered the Kawin "
                           "Water Park and two hotels. Sitting in Shunyi District, the resort covers about "
                           "120 hectares."))
    assert values(recs["Kawin Resort"], "area") == [(1200000, "APPROX")]
    assert values(recs["Kawin Water Park"], "area") == []


@pytest.mark.parametrize("text", [
    "The Xinhe Resort has topped out. It includes the Xinhe Water Park. Its water park, due to open in 2026, "
    "will be the largest in the region.",
    "Work continues on the Xinhe Resort and the Xinhe Water Park. Their water park will open in 2026.",
])
def test_its_kind_noun_is_the_project_of_that_kind(extract, text):
    recs = by_name(extract(text))
    assert values(recs["Xinhe Water Park"], "completion") == [("2026", None)]
    assert values(recs["Xinhe Resort"], "completion") == []


def test_its_first_phase_is_still_the_project(extract):
    recs = by_name(extract("The Xinhe Hub project started on May 3. In its first phase, four roads will be "
                           "built at a cost of about 500 million yuan."))
    assert values(recs["Xinhe Hub project"], "investment") == [(500000000, "APPROX")]


@pytest.mark.parametrize("text,mod", [
    ("The district's 9 new projects added up to 23 billion yuan last year.", None),
    ("The 12 projects in the park add up to 8 billion yuan in investment.", None),
    ("The works of the 15 projects, which sum up to 6 billion yuan, start in May.", None),
    ("The 15 projects will cost up to 6 billion yuan.", "LESS_THAN"),
])
def test_add_up_to_is_a_sum_and_up_to_alone_a_ceiling(extract, text, mod):
    groups = [r for r in extract(text) if r.kind == "project_group"]
    assert [v.mod for g in groups for v in g.investment] == [mod]


@pytest.mark.parametrize("text", [
    "Kawin Data Center gets ready to switch on\nThe city now has a new data center, which is due to be "
    "activated next month. The Kawin Data Center will offer 30 petaflops.",
    "Agency opens Xinhe supercomputing center\nThe agency has put its new supercomputing center into "
    "operation next month. The Xinhe supercomputing center cost 300 million yuan.",
])
def test_a_lede_description_refers_back_to_the_project_the_headline_names(extract, text):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1 and [v.text for v in recs[0].completion] == ["next month"]


def test_a_lede_description_does_not_refer_forward_to_a_project_the_headline_does_not_name(extract):
    text = ("Mountain airport ready for flights\nA civil airport in the west is expected to begin operation "
            "in mid-December. The Kawin Airport lies 1,700 meters above sea level, and cost 1.6 billion yuan.")
    recs = by_name(extract(text))
    assert values(recs["Kawin Airport"], "completion") == []


@pytest.mark.parametrize("text,value", [
    ("The Xinhe line, which started operations in 2012, is longer.", "2012"),
    ("The Kawin Tower formally entered service in March 2023.", "2023-03"),
    ("The Kawin data center is due to be activated in June 2025.", "2025-06"),
    ("The Xinhe Bridge was switched on in May 2022.", "2022-05"),
])
def test_operation_and_service_starts_are_completions(extract, text, value):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert [v.value for r in recs for v in r.completion] == [value]


@pytest.mark.parametrize("text,name,value", [
    ("The list has 40 industrial projects, among them the 20-billion-yuan-worth Kawin New Material Project.",
     "Kawin New Material Project", 20_000_000_000),
    ("Work started on a 2 billion yuan worth Xinhe Logistics Park.", "Xinhe Logistics Park", 2_000_000_000),
    ("The 3-billion-yuan Kawin Hospital will open in 2025.", "Kawin Hospital", 3_000_000_000),
])
def test_a_value_worth_before_a_name_is_that_projects(extract, text, name, value):
    assert [v.value for v in by_name(extract(text))[name].investment] == [value]


@pytest.mark.parametrize("opener", ["Quite a few of the large projects", "Some of the bigger projects",
                                    "Several of the key projects"])
def test_what_a_part_of_a_group_involves_is_not_the_groups_investment(extract, opener):
    text = (f"The plan holds 62 infrastructure projects with a total investment of 448 billion yuan. {opener} "
            "involve an investment of over 5 billion yuan, for instance the Kawin Ring Line.")
    groups = [r for r in extract(text) if r.kind == "project_group"]
    assert [v.value for g in groups for v in g.investment] == [448_000_000_000]


def test_a_place_heading_above_project_headings_is_their_location(extract):
    text = ("Projects by district\nThe projects of each district follow.\nHaidian District\n"
            "Kawin Robotics Base Project\nTotal investment: 2 billion yuan\nXinhe Battery Plant Project\n"
            "Total investment: 1 billion yuan\nTongzhou District\nYuxi Logistics Center Project\n"
            "Total investment: 800 million yuan")
    recs = by_name(extract(text))
    assert values(recs["Kawin Robotics Base Project"], "locations") == ["Haidian District"]
    assert values(recs["Xinhe Battery Plant Project"], "locations") == ["Haidian District"]
    assert values(recs["Yuxi Logistics Center Project"], "locations") == ["Tongzhou District"]


@pytest.mark.parametrize("text,ends", [
    ("Line 5 starts at Qiaotou, east of the old town, and ends at Shamen in the north.", ["Qiaotou", "Shamen"]),
    ("Line 9 opened on May 1, running from Xiyuan in the northwest to Nanhu in the east.", ["Xiyuan", "Nanhu"]),
    ("The Kawin Line begins at Dongcun and terminates at Beiwan.", ["Dongcun", "Beiwan"]),
])
def test_a_lines_terminals_are_its_locations(extract, text, ends):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1 and values(recs[0], "locations") == ends


@pytest.mark.parametrize("text,place", [
    ("Northwest of the city's Kawin Forest Park, crews race to finish the Xinhe Library by 2026.", "Kawin Forest Park"),
    ("Part of the Yuxi Heritage Park, the Xinhe Library will open by 2026.", "Yuxi Heritage Park"),
])
def test_a_park_a_project_sits_in_or_beside_is_its_place(extract, text, place):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Xinhe Library"] and values(recs[0], "locations") == [place]


def test_part_of_a_line_before_a_route_is_still_the_line(extract):
    text = "Part of the south section of Line 21, from Dongcun to Beiwan, is already running."
    assert names(extract(text)) == ["south section of Line 21"]


def test_existing_attractions_a_city_lists_are_no_projects(extract):
    text = ("Visitors flocked to the city this winter. Attractions such as Kawin Snow World, the Xinhe "
            "Cathedral and the Yuxi Tiger Park were among the most popular sights.")
    assert names(extract(text)) == []


def test_new_attractions_listed_can_be_projects(extract):
    assert names(extract("New attractions such as the Kawin Water Park will open in 2026.")) == ["Kawin Water Park"]


def test_the_main_body_finished_is_no_completion_of_the_facility(extract):
    recs = by_name(extract("The main body of the Kawin Observatory was finished on Wednesday, and the facility "
                           "will be put into operation in 2027."))
    assert values(recs["Kawin Observatory"], "completion") == [("2027", None)]


@pytest.mark.parametrize("region", ["Guangdong-Hong Kong-Macao Greater Bay Area", "Yangtze River Delta",
                                    "Beijing-Tianjin-Hebei region"])
def test_a_multi_city_region_is_never_a_location(extract, region):
    recs = by_name(extract(f"Work began on the Kawin T3 Terminal, which will serve the airport cluster in the {region}."))
    assert values(recs["Kawin T3 Terminal"], "locations") == []


@pytest.mark.parametrize("apposition", ["the capital city of east China's Jiangsu Province",
                                        "the capital of Hubei Province", "a city in central China"])
def test_a_city_described_is_no_project(extract, apposition):
    text = f"A new bridge opened on Thursday in Kawin, {apposition}. The Xinhe Bridge runs 10 km."
    assert names(extract(text)) == ["Xinhe Bridge"]


@pytest.mark.parametrize("district", ["Jiang’an District", "Jiang'an District", "Gui'an New Area"])
def test_a_place_name_with_an_apostrophe_is_a_place(extract, district):
    recs = by_name(extract(f"The Kawin Sports Center will be built in {district} for 2 billion yuan."))
    assert values(recs["Kawin Sports Center"], "locations") == [district]


@pytest.mark.parametrize("unit,value", [("metres²", 100000), ("sq metres", 100000), ("meters²", 100000)])
def test_area_units_in_more_spellings(extract, unit, value):
    recs = by_name(extract(f"The Kawin Stadium includes 100,000 {unit} of floor space."))
    assert [v.value for v in recs["Kawin Stadium"].area] == [value]


def test_places_like_a_new_town_are_places(extract):
    text = "The Kawin Line, which will open in 2026, is expected to spur growth in places like Yuxi New Town."
    assert names(extract(text)) == ["Kawin Line"]


@pytest.mark.parametrize("noun", ["city", "town", "county"])
def test_a_places_nickname_is_no_project(extract, noun):
    text = f'Kawin, the {noun} nicknamed the "World Factory," signed 29 projects on June 21.'
    assert names(extract(text)) == []


@pytest.mark.parametrize("text", [
    "China Railway consortium wins the bid for the Kawin river project, worth 2 billion yuan.",
    "The bid went to a consortium of Xinhe Railway Sixth Bureau Group Co., Ltd. and partners for the Kawin river project, worth 2 billion yuan.",
    "Kawin Metro Corporation will build the Kawin river project, worth 2 billion yuan.",
])
def test_a_company_whose_name_ends_in_a_head_word_is_no_project(extract, text):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin river project"] and [v.value for v in recs[0].investment] == [2_000_000_000]


def test_a_headlines_count_is_the_ledes_set_in_other_words(extract):
    text = ("Kawin adds 64 key projects to its municipal list\n"
            "Kawin has placed 64 new key municipal projects on its list, worth a total of 80 billion yuan.")
    groups = [r for r in extract(text) if r.kind == "project_group"]
    assert len(groups) == 1 and [v.value for v in groups[0].investment] == [80_000_000_000]


@pytest.mark.parametrize("part", ["main body", "main structure", "foundation"])
def test_a_part_of_the_works_finished_is_no_completion_even_far_from_the_cue(extract, part):
    text = (f"The {part} of the Kawin Underground Neutrino Observatory (KUNO) was finished on Wednesday after "
            "nine years of work, and the facility will be put into operation in 2027.")
    recs = [r for r in extract(text) if r.kind == "project"]
    assert [v.value for r in recs for v in r.completion] == ["2027"]


@pytest.mark.parametrize("text,name", [
    ("The Xinhe sports center began trial operations on Feb. 18.", "Xinhe sports center"),
    ("The Kawin arts center will open in 2026.", "Kawin arts center"),
])
def test_a_plural_noun_modifier_is_no_verb(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_verb_in_s_before_a_lower_case_head_still_makes_no_name(extract):
    assert names(extract("Kawin opens new sports center in the east.")) == []


@pytest.mark.parametrize("credit", ["known for the CCTV headquarters", "who designed the Xinhe Opera House",
                                    "famous for designing the Yuxi Tower"])
def test_a_work_credited_to_a_person_is_no_project(extract, credit):
    text = f"Designed by architect Li Wei, {credit}, the Kawin Art Center will cost 10 billion yuan."
    assert names(extract(text)) == ["Kawin Art Center"]


@pytest.mark.parametrize("text,road", [
    ("The Foshan Kawin Road West Extension Project will cost 5 billion yuan.", "Kawin Road"),
    ("The Xinhe Avenue Widening Project will cost 1 billion yuan.", "Xinhe Avenue"),
    ("Work on the Yuxi Street Reconstruction and Improvement Project began in May, at a cost of 1 billion yuan.",
     "Yuxi Street"),
])
def test_the_road_a_works_name_is_about_is_its_location(extract, text, road):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1 and values(recs[0], "locations") == [road]


@pytest.mark.parametrize("event", ["A new exhibition opened at the Xinhe Library on Monday.",
                                   "The book fair opened in the Xinhe Library on Monday."])
def test_what_opens_at_a_venue_does_not_date_the_venue(extract, event):
    recs = by_name(extract(f"The Xinhe Library opened in 2020. {event}"))
    assert values(recs["Xinhe Library"], "completion") == [("2020", None)]


@pytest.mark.parametrize("text,parts", [
    ("Kawin District started 13 projects, including 2 urban renewal projects and 10 infrastructure projects.",
     ["2 urban renewal projects", "10 infrastructure projects"]),
    ("In Xinhe District, the city will build 27 projects, made up of five preliminary projects and 22 "
     "authorized projects.", ["five preliminary projects", "22 authorized projects"]),
])
def test_the_counted_parts_of_a_set_are_where_the_sentence_places_the_set(extract, text, parts):
    recs = {r.name.text: r for r in extract(text)}
    place = "Kawin District" if text.startswith("Kawin") else "Xinhe District"
    for part in parts:
        assert values(recs[part], "locations") == [place]


def test_a_headlines_place_is_not_inherited_by_the_parts(extract):
    text = ("Kawin starts 13 projects\nKawin District started 13 projects, including 2 urban renewal "
            "projects and 10 infrastructure projects.")
    recs = {r.name.text: r for r in extract(text)}
    assert values(recs["2 urban renewal projects"], "locations") == ["Kawin District"]


@pytest.mark.parametrize("frame,group", [
    ("Work on a batch of major projects got under way in Kawin County on Monday.", "The eleven projects"),
    ("More projects in Xinhe District have restarted.", "Fifty-four of the 61 continued projects"),
])
def test_a_set_the_sentence_before_frames_in_a_place_is_there(extract, frame, group):
    text = f"{frame} {group} carry a total investment of about 10.8 billion yuan."
    groups = [r for r in extract(text) if r.kind == "project_group"]
    place = "Kawin County" if "Kawin" in frame else "Xinhe District"
    assert values(groups[0], "locations") == [place]


def test_a_period_from_one_month_to_another_is_no_route(extract):
    text = ("From January to July, the province started 71 new projects. The 71 new projects carry a total "
            "investment of 50 billion yuan.")
    assert all(values(r, "locations") == [] for r in extract(text))


@pytest.mark.parametrize("works", ["resurfacing", "realignment", "beautification"])
def test_more_works_nouns(extract, works):
    recs = [r for r in extract(f"The {works} of Kawin Road will cost 20 million yuan.") if r.kind == "project"]
    assert names(recs) == [f"{works} of Kawin Road"] and values(recs[0], "locations") == ["Kawin Road"]


def test_zhongguancun_sub_parks_under_bare_names_are_places(extract):
    text = ("A first batch of 23 industrial parks, spread across 11 parks including Haidian Park, Changping Park "
            "and Yizhuang Park, has been designated.")
    assert names(extract(text)) == []


@pytest.mark.parametrize("noun", ["development pattern", "strategy", "policy"])
def test_a_named_pattern_or_policy_is_no_project(extract, noun):
    assert names(extract(f'The district has adopted a {noun} called "One Zone with Multiple Parks" this year.')) == []


def test_a_landmark_on_its_side_is_no_project(extract):
    text = ("The Kawin Art Center sits on a square site, with the Xinhe Grand Theatre on its south side, and has "
            "a construction area of 380,000 square meters.")
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin Art Center"] and [v.value for v in recs[0].area] == [380000]


def test_the_ends_a_section_runs_between_are_places(extract):
    text = ("The section of the Kawin-Liangshan Expressway between Dongcun and the Xinhe-Haikou Expressway is "
            "to be completed by the end of the year.")
    recs = [r for r in extract(text) if r.kind == "project"]
    # the ends name which section is meant, so they are part of its name (the corpus gold names it so)
    assert names(recs) == ["section of the Kawin-Liangshan Expressway between Dongcun and the Xinhe-Haikou Expressway"]
    assert values(recs[0], "locations") == ["Dongcun", "Xinhe-Haikou Expressway"]


@pytest.mark.parametrize("text,name", [
    ("KK200, a 100-storey skyscraper in Luohu, was completed in 2011.", "KK200"),
    ("Xinhe Harbour, a new logistics hub, will open in 2026.", "Xinhe Harbour"),
    ("Kawin Xingyi, a new-generation supercomputing system, will be put into operation in 2025.", "Kawin Xingyi"),
])
def test_a_name_described_by_an_apposition_of_a_project_kind(extract, text, name):
    assert names(extract(text)) == [name]


@pytest.mark.parametrize("text", ["Together, the Kawin hub and the Xinhe hub cover 1.4 million square meters.",
                                  "Huawei, a telecom giant, will open a store in 2026."])
def test_an_adverb_or_a_company_before_an_apposition_is_no_name(extract, text):
    assert not [n for n in names(extract(text)) if n in ("Together", "Huawei")]


@pytest.mark.parametrize("ref", ["these projects", "the projects", "them"])
def test_a_bare_plural_after_a_list_of_parts_is_the_whole_set(extract, ref):
    text = ("Kawin will begin building 21 major projects in June. They comprise seven infrastructure projects, "
            "five livelihood projects and nine projects in high-end industries. The total investment in "
            f"{ref} is expected to reach 108.3 billion yuan.")
    groups = {r.name.text: r for r in extract(text) if r.kind == "project_group"}
    assert [v.value for v in groups["21 major projects"].investment] == [108_300_000_000]
    assert groups["nine projects"].investment == []


@pytest.mark.parametrize("text,name", [
    ("Kawinsoft's Shanghai Headquarters will cost 2 billion yuan.", "Kawinsoft's Shanghai Headquarters"),
    ("Xinhetech's Beijing headquarter is slated to be located in the zone, at a cost of 2 billion yuan.",
     "Xinhetech's Beijing headquarter"),
    ("Beijing's Kawin Airport will cost 2 billion yuan.", "Kawin Airport"),
])
def test_a_companys_works_keep_the_company_and_a_place_possessor_does_not(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_profile_titled_by_its_project_gives_the_project_its_values(extract):
    text = ("Kawin Cultural and Art Center / Xinhe Studio\nClient: Kawin West Zone Investment Co.\nCity: Jinan\n"
            "Description supplied by the architects. Jinan is a city of springs.\n"
            "The project sits in the core area of the west new town, and it has a construction area of 380,000 "
            "square meters.")
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin Cultural and Art Center"] and [v.value for v in recs[0].area] == [380000]


@pytest.mark.parametrize("text,expected", [
    ("They comprise 12 continued projects and 15 planned projects, whose total investments are 208.9 billion "
     "yuan and 157.9 billion yuan respectively.",
     {"12 continued projects": [208_900_000_000], "15 planned projects": [157_900_000_000]}),
    ("The Kawin Tower and the Xinhe Hall will cost 2 billion yuan and 3 billion yuan, respectively.",
     {"Kawin Tower": [2_000_000_000], "Xinhe Hall": [3_000_000_000]}),
])
def test_amounts_listed_respectively_go_in_order(extract, text, expected):
    recs = {r.name.text: r for r in extract(text)}
    assert {n: [v.value for v in recs[n].investment] for n in expected} == expected


def test_numbered_parts_of_a_profile_stay_in_its_section(extract):
    text = ("Kawin Retirement Apartments Project\nInvestment Projects | Date added: 2016-08-09\n"
            "1. Why the project is needed\nThe region has a mild climate.\n2. Groundwork\n"
            "Site selection has been completed.\n3. Main contents and scale\n"
            "The construction site is in Longquan Village, and covers an area of 200 mu.")
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin Retirement Apartments Project"]
    assert [v.text for v in recs[0].area] == ["200 mu"] and values(recs[0], "locations") == ["Longquan Village"]


@pytest.mark.parametrize("verb", ["connects", "links", "linking"])
def test_the_ends_a_line_connects_are_its_locations(extract, verb):
    text = f"The Kawin Line, which {verb} Dongcun to Beiwan, will open in 2026."
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin Line"] and values(recs[0], "locations") == ["Dongcun", "Beiwan"]


def test_a_world_region_a_corridor_links_is_no_location(extract):
    text = "The Kawin Railway will open in 2023, creating a corridor linking Southeast Asia to Sichuan."
    recs = [r for r in extract(text) if r.kind == "project"]
    assert values(recs[0], "locations") == []


def test_a_city_and_a_station_are_not_one_name(extract):
    text = "The Xinhe Railway will run between Binhai Station in Tianjin and Weifang North Station, at a cost of 2 billion yuan."
    assert not [n for n in names(extract(text)) if n.startswith("Tianjin and")]


@pytest.mark.parametrize("when", ["on Saturday, December 27, 2025", "in March 2026", "on Sept. 30"])
def test_a_date_after_a_name_is_no_part_of_it(extract, when):
    text = f"The operator plans to open the middle section of Kawin Line 17 {when}."
    assert names(extract(text)) == ["middle section of Kawin Line 17"]


@pytest.mark.parametrize("text,name", [
    ("The Huzhou-Kawin section of the Hefei-Kawin high-speed railway opened on Sept 22.",
     "Huzhou-Kawin section of the Hefei-Kawin high-speed railway"),
    ("Partners include the Xinhe Cloud Internet of Things Industrial Base, which will cost 1 billion yuan.",
     "Xinhe Cloud Internet of Things Industrial Base"),
])
def test_hyphened_modifiers_and_of_inside_names(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_line_and_another_line_are_two_names(extract):
    text = "Kawin opened three lines on Sunday: Line 5, the second phase of Line 6 and Line 16 (Hannan)."
    got = names(extract(text))
    assert "second phase of Line 6" in got and not [n for n in got if " and Line" in n]


def test_roads_a_site_is_bounded_by_are_its_locations(extract):
    text = "The new Kawin Library covers 13,000 square meters and is bounded by Xinhe Road and Yuxi Road."
    (rec,) = [r for r in extract(text) if r.kind == "project"]
    assert values(rec, "locations") == ["Xinhe Road", "Yuxi Road"]


def test_an_administration_of_a_place_is_no_longer_name(extract):
    text = "The Administrative Bureau of Kawin District Scenic Area will build the Xinhe Trail for 1 billion yuan."
    assert not [n for n in names(extract(text)) if n.startswith("Administrative")]


def test_a_described_section_is_not_its_named_line(extract):
    text = ("Middle section of Kawin Line 17 opens on December 27\n"
            "The operator plans to open the middle section of Kawin Line 17 on Saturday, December 27, 2025. "
            "The section has four stations.")
    assert "middle section of Kawin Line 17" in names(extract(text))


@pytest.mark.parametrize("stops,expected", [
    ("six stations: Dongcun, Deqing West, Fuyang West and Tonglu East",
     ["Dongcun", "Deqing West", "Fuyang West", "Tonglu East"]),
    ("4 stations, listed from north to south: Dongdaqiao station, Yong'anli station (temporarily suspended) and "
     "Panjiayuanxi station", ["Dongdaqiao station", "Yong'anli station", "Panjiayuanxi station"]),
])
def test_a_sections_listed_stations_are_its_locations(extract, stops, expected):
    text = f"The Kawin section opened on Sept 22. The section is 129 km long and has {stops}."
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin section"] and values(recs[0], "locations") == expected


def test_a_section_described_in_a_list_does_not_refer_back(extract):
    text = ("Work started on the Phase II project of Kawin University. Projects under way include the section "
            "from Dongcun to Beiwan of the Xinhe Railway.")
    recs = by_name(extract(text))
    assert values(recs["Phase II project of Kawin University"], "locations") == []


@pytest.mark.parametrize("text,station", [
    ("Work started on Monday on the Tangcun Railway Station of the Kawin-Xinzhou High-speed Railway.",
     "Tangcun Railway Station"),
    ("The Dongcun Station of Metro Line 9 will open in 2026.", "Dongcun Station"),
])
def test_a_station_of_a_line_is_named_without_its_line(extract, text, station):
    assert not [n for n in names(extract(text)) if n.startswith(station + " of")]


@pytest.mark.parametrize("sentence", [
    "33 foreign-funded projects with actual capital inflow of $623 million began development in the zone.",
    "The zone has 33 projects. Fixed-asset investment rose 11.2 percent to 25.56 billion yuan.",
])
def test_capital_inflow_and_fixed_asset_investment_are_no_projects_investment(extract, sentence):
    assert all(r.investment == [] for r in extract(sentence))


def test_these_after_a_set_with_examples_is_the_set(extract):
    text = ("The renewal plan includes 18 projects, for example the Kawin Steel integration and the Xinhe "
            "Industrial Park phase III in Yuxi District. These carry a total investment of 56.77 billion yuan.")
    groups = [r for r in extract(text) if r.kind == "project_group"]
    assert [v.value for v in groups[0].investment] == [56_770_000_000]


def test_one_part_listed_with_its_total_keeps_the_total(extract):
    text = ("Kawin has lined up 105 key projects with a total investment of 377.2 billion yuan. These include "
            "34 projects in three leading industries, with a total investment of 146.1 billion yuan.")
    groups = {r.name.text: r for r in extract(text) if r.kind == "project_group"}
    assert [v.value for v in groups["105 key projects"].investment] == [377_200_000_000]
    assert [v.value for v in groups["34 projects"].investment] == [146_100_000_000]


def test_an_architecture_profile_headline_names_its_project(extract):
    text = ("Kawin Piazza and Art Space / Xinhe Atelier\nArchitects: Xinhe Atelier\n"
            "Location: Dongcun Village, Yanqing, Beijing, China\nArea: 1280.0 m2\nCompletion year: 2019\n"
            "The architects' description. The building stands at the heart of the village.")
    recs = [r for r in extract(text) if r.kind == "project"]
    assert names(recs) == ["Kawin Piazza and Art Space"]
    assert [v.value for v in recs[0].area] == [1280] and [v.value for v in recs[0].completion] == ["2019"]


@pytest.mark.parametrize("text,name,ends", [
    ("The section from Liyuan to Songzhuang of the Tongzhou Ring Expressway broke ground in March.",
     "section from Liyuan to Songzhuang of the Tongzhou Ring Expressway", ["Liyuan", "Songzhuang"]),
    ("Trains will run on the section from Huairou North to Miyun South of the Jingshen Railway by 2026.",
     "section from Huairou North to Miyun South of the Jingshen Railway", ["Huairou North", "Miyun South"]),
    ("The section of the Yanqing Expressway between Kangzhuang and Badaling will cost 4.2 billion yuan.",
     "section of the Yanqing Expressway between Kangzhuang and Badaling", ["Kangzhuang", "Badaling"]),
])
def test_a_route_part_is_named_with_its_ends_and_sits_at_them(extract, text, name, ends):
    """"the section from A to B of X", "the section of X between A and B": the ends name which part
    is meant, and are where it sits."""
    rec = by_name(extract(text))[name]
    assert all(end in values(rec, "locations") for end in ends)


@pytest.mark.parametrize("text,name", [
    ("The Rudong H8 Offshore Wind Farm went into full operation on Monday.", "Rudong H8 Offshore Wind Farm"),
    ("Construction of the Kubuqi Solar Farm will cost 9 billion yuan.", "Kubuqi Solar Farm"),
])
def test_a_capitalised_farm_is_a_project(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize("text,name", [
    ("Ground was broken for the new Changping campus of Beijing Jiaotong University, a 3-billion-yuan project.",
     "Changping campus of Beijing Jiaotong University"),
    ("The planned Pinggu branch of the Friendship Hospital will open by 2027.", "Pinggu branch of the Friendship Hospital"),
    ("Huawei's first Ulanqab data center will be completed in 2025.", "Ulanqab data center"),
])
def test_a_name_after_new_first_or_planned(extract, text, name):
    """"new", "first", "planned" after "the" or a possessor open a name; they do not make it a
    lower-case description with one capital."""
    assert name in names(extract(text))


def test_an_institutions_branch_is_also_its_campus(extract):
    recs = extract("Beijing Chest Hospital's Huairou branch will open in 2026. The new Huairou campus will "
                   "have 800 beds and cost 2.1 billion yuan.")
    assert names(recs) == ["Beijing Chest Hospital's Huairou branch"]
    assert values(recs[0], "investment") == [(2.1e9, None)]


@pytest.mark.parametrize("text", [
    "The plan involves institutions such as Capital Medical University, Xuanwu Hospital and Tiantan Hospital, "
    "to be finished in 2025.",
    "Enterprises such as the Jingdong Logistics Park and Xiaomi have signed up; work will be completed in 2026.",
])
def test_examples_of_institutions_are_no_projects(extract, text):
    assert names(extract(text)) == []


@pytest.mark.parametrize("text,name", [
    ("Construction of the Main Press Center for Hangzhou 2022 was completed on Friday.", "Main Press Center"),
    ("The Ice Hockey Training Hall for Harbin 2025 will open in January.", "Ice Hockey Training Hall"),
])
def test_an_event_a_venue_is_built_for_is_no_part_of_its_name(extract, text, name):
    assert names(extract(text)) == [name]


@pytest.mark.parametrize("text", [
    "The Zhejiang city of Wenzhou will invest 50 billion yuan in 200 projects this year.",
    "The Hubei city of Xiangyang plans to spend 12 billion yuan on 80 key projects.",
])
def test_a_city_named_with_its_province_is_a_place(extract, text):
    assert names(extract(text)) == []


def test_tv_and_television_name_one_project(extract):
    recs = extract("Work sped up on the Xinhe Film and Television Park. The Xinhe Film and TV Park will cost "
                   "6 billion yuan.")
    assert names(recs) == ["Xinhe Film and Television Park"]
    assert values(recs[0], "investment") == [(6e9, None)]


def test_a_possessive_whose_noun_is_named_after_it_is_not_the_project_before(extract):
    recs = by_name(extract("Line 6 will open next year. Wuxi Metro opened its first line, Line 1, in 2014."))
    assert values(recs["Line 6"], "completion") == [("2025", None)]
    assert values(recs["Line 1"], "completion") == [("2014", None)]


def test_a_nickname_after_the_event_a_venue_is_for_is_its_alias(extract):
    recs = extract('Work on the Curling Hall for Harbin 2025, known as the "Ice Cube," ended on Monday. '
                   'The hall covers 30,000 square meters.')
    assert names(recs) == ["Curling Hall"] and recs[0].aliases == ["Ice Cube"]
    assert values(recs[0], "area") == [(30000, None)]


@pytest.mark.parametrize("text,mod", [
    ("Spread over 60 hectares, the Nanhu Campus will open in 2026.", None),
    ("The Nanhu Wetland Park, stretching over 60 hectares, will open in 2026.", None),
    ("The Nanhu Campus covers over 60 hectares and will open in 2026.", "MORE_THAN"),
])
def test_over_after_a_verb_of_extent_is_no_hedge(extract, text, mod):
    rec = [r for r in extract(text) if r.kind == "project"][0]
    assert values(rec, "area") == [(600000, mod)]


@pytest.mark.parametrize("text,place", [
    ("The Xinhe Logistics Park in Kunshan will cost 3 billion yuan.", "Kunshan"),
    ("Located in Jianyang, the Xinhe Terminal will open in 2026.", "Jianyang"),
])
def test_a_county_level_city_is_a_location(extract, text, place):
    rec = [r for r in extract(text) if r.kind == "project"][0]
    assert place in values(rec, "locations")


def test_a_list_with_via_and_new_is_one_list_of_reported_projects(extract):
    recs = extract("The city will start building the Anyang-Xinxiang railway via Hebi, the new Xinxiang East "
                   "Station and the Hebi-Puyang Intercity Railway.")
    assert names(recs) == ["Anyang-Xinxiang railway", "Hebi-Puyang Intercity Railway", "Xinxiang East Station"]


@pytest.mark.parametrize("text,name,amount", [
    ("The Xinhe Cargo Airport opened on Monday. Investment in the airport project came to 30 billion yuan.",
     "Xinhe Cargo Airport", 3e10),
    ("The Nanhu Museum and the Nanhu Library will open in 2025. The library project cost 1 billion yuan.",
     "Nanhu Library", 1e9),
])
def test_the_kind_project_is_the_last_project_of_that_kind(extract, text, name, amount):
    recs = by_name(extract(text))
    assert "airport project" not in recs and "library project" not in recs
    assert values(recs[name], "investment") == [(amount, None)]


def test_a_profiles_year_line_is_its_completion(extract):
    text = ("Nanhu Village Library / Studio Four\n\nLibrary • China\nArchitects: Studio Four\nArea: 320 m²\n"
            "Year: 2021\nPhotographs: Studio Four\n")
    rec = by_name(extract(text))["Nanhu Village Library"]
    assert values(rec, "completion") == [("2021", None)] and values(rec, "area") == [(320, None)]


@pytest.mark.parametrize("text,name,date", [
    ("Nanhu-Beiyuan railway to link two provinces\n\nNANHU, May 2 (Xinhua) -- A new railway is set to "
     "become operational by year-end, linking the two cities.", "Nanhu-Beiyuan railway", ("2024", "END")),
    ("Xinhe Library opens its doors\n\nA new library opened on Saturday in the district's old town.",
     "Xinhe Library", ("2024-01-27", None)),
])
def test_a_ledes_indefinite_description_is_the_headlines_project(extract, text, name, date):
    assert values(by_name(extract(text))[name], "completion") == [date]


def test_a_later_indefinite_description_is_a_new_works_not_the_last_project(extract):
    recs = by_name(extract("Xinhe district opens a new park\n\nThe area is served by Metro Line 6. Residents "
                           "like the line. The district also praised its parks.\n\nA line from Xinhe to the "
                           "airport is planned and will open by 2027."))
    assert "Metro Line 6" not in recs or values(recs["Metro Line 6"], "completion") == []


@pytest.mark.parametrize("text", [
    "Sino-German park makes progress\n\nOfficials said work at the site went well this spring.",
    "Sino-Singaporean park draws investors\n\nThe park drew 20 companies last year.",
])
def test_a_demonym_compound_opening_a_headline_names_nothing(extract, text):
    assert names(extract(text)) == []


def test_the_hubs_a_line_links_are_its_places_not_projects(extract):
    recs = extract("The Nanhu Maglev Line, which links two transport hubs, Nanhu International Airport and "
                   "Nanhu South Railway Station, opened in 2016.")
    assert names(recs) == ["Nanhu Maglev Line"]
    assert values(recs[0], "locations") == ["Nanhu International Airport", "Nanhu South Railway Station"]


def test_where_a_line_starts_and_what_it_reaches_are_no_projects(extract):
    recs = extract("Starting at Beiguan, Line 4 crosses the old town and turns east to reach Nanhu West "
                   "International Airport. It opened on Friday.")
    assert names(recs) == ["Line 4"] and values(recs[0], "locations") == ["Beiguan"]


@pytest.mark.parametrize("text,power", [
    ("The Xinhe Airport opened in July. It is rated at operation support level 4E.", []),
    ("The Xinhe Airport, a class 4F airport, opened in July.", []),
    ("The Xinhe Computing Center has 2E of computing power and opened in July.", [(2000, None)]),
])
def test_an_airports_class_is_no_computing_power(extract, text, power):
    assert values(extract(text)[0], "computing_power") == power


def test_a_city_named_with_city_is_no_project(extract):
    recs = extract('The plan names twin cities, "Tianjin City" and "Bincheng". The Xinhe Park will open in 2026.')
    assert names(recs) == ["Xinhe Park"]


def test_a_place_after_another_provinces_name_is_a_club(extract):
    recs = extract("Beijing Guoan beat Shandong Taishan 3-2 at the Xinhe Stadium, which opened in 2019.")
    assert names(recs) == ["Xinhe Stadium"] and values(recs[0], "locations") == []


@pytest.mark.parametrize("text,date", [
    ("Work on the Xinhe Bridge began on Monday. Completion is expected by the end of 2026.", [("2026", "END")]),
    ("The Nanhu Stadium broke ground in May. Construction will be finished in June 2027.", [("2027-06", None)]),
])
def test_a_sentence_about_completion_alone_is_about_the_project_just_named(extract, text, date):
    assert values([r for r in extract(text) if r.kind == "project"][0], "completion") == date


def test_completion_after_two_projects_names_neither(extract):
    recs = extract("The Xinhe Bridge and the Xinhe Tunnel broke ground. Completion is expected in 2026.")
    assert all(values(r, "completion") == [] for r in recs)


def test_a_route_pairs_line_is_its_railway(extract):
    recs = extract("The Nanhu-Beiyuan high-speed railway opened on Friday. The Nanhu-Beiyuan line cost 20 billion yuan.")
    assert names(recs) == ["Nanhu-Beiyuan high-speed railway"]
    assert values(recs[0], "investment") == [(2e10, None)]


def test_a_works_of_an_owner_and_the_owners_project_are_one(extract):
    recs = extract("Ground was broken for the battery pack project of Nanhu Group on Monday. The Nanhu Group "
                   "project will cost 3 billion yuan.")
    assert len([r for r in recs if r.kind == "project"]) == 1
    assert values(recs[0], "investment") == [(3e9, None)]


def test_a_count_of_works_after_a_list_is_that_list(extract):
    recs = extract("The Nanhu Theatre, the Nanhu Library and the Nanhu Museum sit within the green belt of the "
                   "Nanhu Forest Park. The city marked an anniversary this year. At the end of 2023, the three "
                   "cultural buildings opened to the public.")
    assert names(recs) == ["Nanhu Library", "Nanhu Museum", "Nanhu Theatre"]
    for r in recs:
        assert values(r, "completion") == [("2023", "END")] and values(r, "locations") == ["Nanhu Forest Park"]


def test_a_count_of_other_things_is_no_list_of_projects(extract):
    recs = extract("Work on the Xinhe Bridge and the Xinhe Tunnel will finish in 2026. The plans were announced "
                   "at the two sessions of Tongzhou District.")
    assert all(values(r, "locations") == [] for r in recs)


def test_the_main_line_of_a_railway_is_the_railway(extract):
    recs = extract("The main line of the Nanhu-Beiyuan high-speed railway runs for 519 kilometers and will open in 2026.")
    assert names(recs) == ["Nanhu-Beiyuan high-speed railway"]


@pytest.mark.parametrize("text,name", [
    ("A string of data centers, including Apple's iCloud data center, will open this year.", "iCloud data center"),
    ("The iFlytek Tower will open in 2026.", "iFlytek Tower"),
])
def test_a_brand_with_an_inner_capital_names_a_project(extract, text, name):
    assert name in names(extract(text))


def test_it_after_a_landmark_preposition_is_no_subject(extract):
    recs = by_name(extract("The Xinhe Cloud Data Center opened in 2019. A few hundred meters from it, the Nanhu Data "
                           "Center and the Beiyuan Information Port will both be put into operation this year."))
    assert values(recs["Xinhe Cloud Data Center"], "completion") == [("2019", None)]
    assert values(recs["Beiyuan Information Port"], "completion") == [("2024", None)]


@pytest.mark.parametrize("text,name", [
    ("The Winter Olympic Village was completed and handed over on June 26, 2021.", "Winter Olympic Village"),
    ("The Asian Games Athletes Village will be delivered by the end of 2025.", "Asian Games Athletes Village"),
])
def test_a_built_village_is_a_project(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_village_people_live_in_is_a_place(extract):
    recs = extract("The Xinhe Library in Nanwu Village will open in 2026.")
    assert names(recs) == ["Xinhe Library"] and values(recs[0], "locations") == ["Nanwu Village"]


def test_a_demonstrative_description_points_back(extract):
    recs = extract("The Nanhu Water Diversion Project was approved in May. Work on this heavily funded project "
                   "will cost 113.5 billion yuan.")
    assert names(recs) == ["Nanhu Water Diversion Project"] and values(recs[0], "investment") == [(1.135e11, None)]


def test_the_place_project_is_the_project_named_after_the_place(extract):
    recs = extract("The Shangzhuang AI Public Computing Platform opened on Friday. The Shangzhuang project "
                   "delivers 500 petaflops.")
    assert names(recs) == ["Shangzhuang AI Public Computing Platform"]
    assert values(recs[0], "computing_power") == [(500, None)]


def test_a_numbered_list_of_project_headings_names_each_project(extract):
    text = ("Province briefs on major projects\n\n1. Water diversion in central Nanhu\n\nThe project has two phases. "
            "Work on this heavily funded project, with a total investment of 113.5 billion yuan, will finish by "
            "2027.\n\n2. Beiyuan-Xihe High Speed Rail\n\nThe line will cost 141.6 billion yuan and open in 2025.\n")
    recs = by_name(extract(text))
    assert values(recs["Water diversion in central Nanhu"], "investment") == [(1.135e11, None)]
    assert values(recs["Beiyuan-Xihe High Speed Rail"], "completion") == [("2025", None)]


def test_numbered_topic_headings_name_nothing(extract):
    text = ("Ten years of the zone\n\nI. Infrastructure construction\n\nThe Nanhu Bridge opened in 2019.\n\n"
            "II. Projects launched and started\n\nThe Xinhe Park broke ground in 2020.\n")
    assert names(extract(text)) == ["Nanhu Bridge", "Xinhe Park"]


@pytest.mark.parametrize("text,amounts", [
    ("The Xinhe Park will cost between 500 million yuan and 1 billion yuan and open in 2026.", []),
    ("Built between 2019 and 2021, the Xinhe Park cost 800 million yuan.", [(8e8, None)]),
])
def test_an_amount_range_gives_no_value(extract, text, amounts):
    assert values(extract(text)[0], "investment") == amounts


def test_a_set_named_again_by_its_state_takes_its_amount(extract):
    recs = {r.count: r for r in extract(
        "The plan lists 120 key projects with a total investment of 300 billion yuan. So far, 20 projects have "
        "been completed and 45 projects have newly started. The newly started projects account for a total "
        "investment of 90 billion yuan.") if r.kind == "project_group"}
    assert values(recs[45], "investment") == [(9e10, None)] and values(recs[120], "investment") == [(3e11, None)]


def test_project_names_listed_under_a_dated_heading_are_projects_of_that_date(extract):
    text = ("Nanhu lists its major projects for the year\n\nThe district released its plan on Monday.\n\n"
            "Projects to be completed in 2023\n\nRoad Projects\nWidening of Beiyuan Road\nXinhe Greenway from "
            "Dongcun to Xicun\n\nSchool Projects\nNanhu Experimental Middle School\n\nWork on other projects "
            "will speed up, the district said on Monday.\n")
    recs = by_name(extract(text))
    for name in ("Widening of Beiyuan Road", "Xinhe Greenway", "Nanhu Experimental Middle School"):
        assert values(recs[name], "completion") == [("2023", None)], name


def test_a_byline_under_a_headline_is_no_list(extract):
    text = "Xinhe district completes 3 projects\nBy Li Ming\nUpdated 2023\n\nThe Xinhe Bridge opened on Monday.\n"
    assert names(extract(text)) == ["Xinhe Bridge"]


@pytest.mark.parametrize("text,expected", [
    ("Three projects, namely Nanhu Road North Extension, Beiyuan Road South Extension and Xinhe Foreign "
     "Language School, will draw 260 million yuan.", ["Beiyuan Road South Extension", "Nanhu Road North Extension",
                                                      "Xinhe Foreign Language School"]),
    ("The Renovation and Expansion Project of Xinhe Hospital will finish in 2025.",
     ["Renovation and Expansion Project of Xinhe Hospital"]),
])
def test_and_after_a_capitalised_works_noun_ends_a_name(extract, text, expected):
    assert names(extract(text)) == expected


def test_a_yardstick_and_a_saving_are_not_the_project(extract):
    recs = extract("Unmanned data center runs stably\n\nThe first phase of the undersea data center in Nanhu County "
                   "was completed on Dec. 31, 2023. A module of the undersea data center sits 35 meters down. In all, "
                   "the undersea data center will have 100 modules and will save 122 million kWh of electricity, "
                   "68,000 square meters of land a year compared with a traditional land-based data center.")
    assert names(recs) == ["undersea data center"]
    assert values(recs[0], "area") == [] and values(recs[0], "completion") == [("2023-12-31", None)]


def test_a_lines_tunnel_is_the_line_and_its_boring_no_completion(extract):
    recs = extract("Tunnel of Nanhu Subway Line 9 fully bored through\n\nNANHU, Oct. 21 (Xinhua) -- Boring of the "
                   "middle section of the tunnel finished on Monday, which means the entire tunnel of Nanhu Subway "
                   "Line 9 has now been drilled through. The line will open in 2026.")
    assert names(recs) == ["Nanhu Subway Line 9"] and values(recs[0], "completion") == [("2026", None)]


def test_a_station_named_for_its_town_and_what_it_opens_up_for_are_no_locations(extract):
    recs = extract("The Nanxi Railway Station also opened to the public that same day, creating fresh development "
                   "opportunities for Beiyuan.")
    assert names(recs) == ["Nanxi Railway Station"] and values(recs[0], "locations") == []


def test_a_column_label_before_a_headline_does_not_make_a_name(extract):
    recs = extract("China Focus: New railway helps the west open wider\n\nThe railway between Nanhu and Beiyuan "
                   "began operating on Thursday.")
    assert names(recs) == []


def test_work_continuing_on_listed_lines_reports_each(extract):
    recs = extract("Work will also continue on Metro Line 31, Metro Line 33, the Nanhu Demonstration Zone Line, "
                   "and extensions of Line 13 and other routes.")
    assert names(recs) == ["Metro Line 31", "Metro Line 33", "Nanhu Demonstration Zone Line", "extensions of Line 13"]


def test_the_opening_of_a_and_b_this_morning_dates_both(extract):
    recs = by_name(extract("The first train left Beiyuan Station at 7:46 this morning, marking the official opening "
                           "of the Xinhe Intercity Railway and the Nanhu Intercity Railway."))
    for name in ("Xinhe Intercity Railway", "Nanhu Intercity Railway"):
        assert values(recs[name], "completion") == [("2024-01-28", None)]
    assert "Beiyuan Station" not in recs or values(recs["Beiyuan Station"], "completion") == []


def test_a_rail_station_is_its_railway_station_and_an_as_phrase_is_no_project(extract):
    recs = extract("Xinhe rail station opens\n\nBeijing's Xinhe Railway Station opened on Tuesday. As the main railway "
                   "terminal of the Nanhu Center, the station will serve 10 million passengers a year.")
    assert names(recs) == ["Xinhe Railway Station"] and values(recs[0], "completion") == [("2024-01-23", None)]


def test_as_opening_a_clause_keeps_its_project(extract):
    assert names(extract("As the Xinhe Museum opened in May, visitors came in large numbers.")) == ["Xinhe Museum"]


def test_two_routes_with_different_ends_are_two_projects(extract):
    recs = extract("Four railways are among them: the Nanhu-Beiyuan High-speed Railway, the Nanhu-Xihe High-speed "
                   "Railway, the Dongcun-Xicun High-speed Railway and the Dongcun-Beiyuan High-speed Railway.")
    assert names(recs) == ["Dongcun-Beiyuan High-speed Railway", "Dongcun-Xicun High-speed Railway",
                           "Nanhu-Beiyuan High-speed Railway", "Nanhu-Xihe High-speed Railway"]


def test_the_most_visited_places_are_no_projects(extract):
    assert names(extract("The Great Wall, the Olympic Park and the Summer Palace were among the ten most visited "
                         "places over the holiday.")) == []


def test_it_after_a_speakers_title_is_the_topic_not_the_speakers_company(extract):
    recs = extract("The Nanhu airport carries a total investment of 71.86 billion yuan. Li Ming, general manager of "
                   "Nanhu Airport Group Co Ltd, said it is expected to be completed in 2027.")
    assert values(recs[0], "completion") == [("2027", None)]


@pytest.mark.parametrize("text,name,road", [
    ("They include the Beiyuan Road upgrade and a new school, both due in 2026.", "Beiyuan Road upgrade", "Beiyuan Road"),
    ("The Nanhu Road crossing channel project will cost 2 billion yuan.", "Nanhu Road crossing channel project", "Nanhu Road"),
    ("The Xihe Road Expressway will open in 2025.", "Xihe Road Expressway", "Xihe Road"),
])
def test_a_works_named_after_its_road_sits_on_it(extract, text, name, road):
    assert values(by_name(extract(text))[name], "locations") == [road]


@pytest.mark.parametrize("text,name", [
    ("A drone photo shows a section of the Nanhu-Beiyuan expressway in Xihe County. The expressway opened to "
     "traffic on Friday.", "Nanhu-Beiyuan expressway"),
    ("Crews paved a stretch of the Dongcun-Xicun Railway near Beiyuan Island last week.", "Dongcun-Xicun Railway"),
    ("A segment of the Xihe Expressway was widened in 2023.", "Xihe Expressway"),
])
def test_an_indefinite_route_part_is_a_view_of_the_route(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_named_route_part_stays_a_part(extract):
    recs = extract("The section of the Nanhu Expressway between Dongcun and Xicun opened on Sunday.")
    assert names(recs) == ["section of the Nanhu Expressway between Dongcun and Xicun"]


@pytest.mark.parametrize("text", [
    "Crews are widening the Nanhu-Beiyuan Expressway.",
    "Workers laid the last rails of the Dongcun-Xicun Railway.",
    "The Xihe-Nanhu Railway is being rebuilt.",
])
def test_building_verbs_are_evidence_that_a_route_is_works(extract, text):
    assert len(names(extract(text))) == 1


def test_a_route_only_passed_through_is_no_project(extract):
    assert names(extract("The Xihe-Nanhu Railway passes through the town.")) == []


@pytest.mark.parametrize("second", [
    "China's largest cultural complex opened on Monday.",
    "The country's biggest cultural hub went into operation on Monday.",
    "Asia's first cultural complex of its kind opened on Monday.",
])
def test_a_places_superlative_epithet_refers_back(extract, second):
    recs = extract("Visitors walk past the Nanhu Cultural Center. " + second)
    assert names(recs) == ["Nanhu Cultural Center"] and values(recs[0], "completion") == [("2024-01-22", None)]


@pytest.mark.parametrize("text", [
    "The Nanhu expressway opened to traffic on Friday, cutting the travel time between Xihe County and Dongcun "
    "County to one hour.",
    "The Nanhu expressway opened on Friday; the driving time between Xihe County and Dongcun County is now one hour.",
])
def test_places_of_a_travel_time_are_no_locations(extract, text):
    assert values(extract(text)[0], "locations") == []


@pytest.mark.parametrize("text,name", [
    ("Tourists walk past Nanhu Railway Station in the snow.", "Nanhu Railway Station"),
    ("Photographers love Xihe West Station at dusk.", "Xihe West Station"),
])
def test_a_sentence_initial_capital_across_lower_words_is_no_name_word(extract, text, name):
    recs = extract(text + " It opened on Monday.")
    assert names(recs) == [name]


@pytest.mark.parametrize("text", [
    "The Nanhu Hospital started receiving patients on Thursday.",
    "The Nanhu Library welcomed its first readers on Thursday.",
    "The Nanhu Museum opened its doors to visitors on Thursday.",
    "Trains began running on the Nanhu-Xihe railway on Thursday.",
    "Bullet trains started operating on the Nanhu-Xihe Railway on Thursday.",
])
def test_first_users_and_first_runs_are_an_opening(extract, text):
    recs = extract(text)
    assert len(names(recs)) == 1 and values(recs[0], "completion") == [("2024-01-25", None)]


def test_traffic_running_on_a_road_is_no_opening(extract):
    assert names(extract("Cars run on the Nanhu Expressway every day.")) == []


@pytest.mark.parametrize("text", [
    "On Friday a bullet train left Xihe, marking the start of official operations of the Xihe-Nanhu Railway.",
    "The Xihe-Nanhu Railway saw the start of passenger service on Friday.",
])
def test_the_start_of_operations_is_an_opening(extract, text):
    assert values(extract(text)[0], "completion") == [("2024-01-26", None)]


def test_a_count_of_works_gathers_the_projects_named_in_the_sentences_before(extract):
    recs = by_name(extract("The Nanhu Museum and the Xihe Library are almost done. The Dongcun Theater and the Beiyuan "
                           "Stadium have been built. The four venues will be completed by the end of this year."))
    assert all(values(recs[n], "completion") == [("2024", "END")] for n in
               ("Nanhu Museum", "Xihe Library", "Dongcun Theater", "Beiyuan Stadium"))


def test_a_count_that_the_sentences_before_overshoot_takes_none(extract):
    recs = extract("The Nanhu Museum and the Xihe Library are almost done. The Dongcun Theater and the Beiyuan "
                   "Stadium have been built. The three venues will be completed by the end of this year.")
    assert all(values(r, "completion") == [] for r in recs)


@pytest.mark.parametrize("bullet,end", [("- ", ";"), ("• ", ""), ("1) ", ";")])
def test_bulleted_items_after_a_projects_colon_are_names(extract, bullet, end):
    text = ("Xihe lists its plan\n\nThe district will push ahead with three priority projects. The three projects "
            f"are:\n{bullet}Nanhu Auto Parts{end}\n{bullet}Xihe Semiconductor{end}\n{bullet}Dongcun Intelligent Heavy Truck"
            f"{end}\n\nWork went on through the winter.")
    assert names(extract(text)) == ["Dongcun Intelligent Heavy Truck", "Nanhu Auto Parts", "Xihe Semiconductor"]


def test_bulleted_lines_after_a_colon_without_projects_are_no_names(extract):
    text = ("Xihe lists its plan\n\nThe district has three aims:\n- Better Jobs;\n- Cleaner Air;\n- Faster Growth\n\n"
            "Work went on.")
    assert names(extract(text)) == []


def test_a_plural_designator_list_stands_for_each_line_named_elsewhere(extract):
    recs = by_name(extract("Metro Lines 5 and 9 and the first phase of Metro Line 6 in Nanhu began operation on Dec 28. "
                           "Metro Line 5 crosses the city. Nanhu Metro Line 9 serves tourists."))
    assert set(recs) == {"Metro Line 5", "Metro Line 6", "Nanhu Metro Line 9"}
    assert all(values(r, "completion") == [("2023-12-28", None)] for r in recs.values())


@pytest.mark.parametrize("text", [
    "The depot will be shared with Metro Lines 3, 4 and 10.",
    "Terminals 1 and 2 of the Nanhu airport handled 30 million passengers.",
])
def test_a_plural_designator_list_alone_is_no_record(extract, text):
    assert names(extract(text)) == []


def test_the_first_phase_of_a_designated_line_is_that_line_not_a_back_reference(extract):
    recs = by_name(extract("Metro Line 6 opened on Dec 28. Metro Line 5 passes famous sights. The first phase of Xihe "
                           "Metro Line 6 crosses the city. About 20 kilometers long, it runs through the districts of Dongcun and Beilin."))
    assert values(recs["Xihe Metro Line 6"], "locations") == ["Dongcun", "Beilin"]
    assert "Metro Line 5" not in recs or values(recs["Metro Line 5"], "locations") == []


@pytest.mark.parametrize("text", [
    "A game on Sunday marked the start of operations at the Nanhu Sports Center.",
    "A concert marked the start of operations at the Nanhu Sports Center on Sunday.",
])
def test_the_start_of_operations_at_a_venue_is_its_opening(extract, text):
    assert values(extract(text)[0], "completion") == [("2024-01-28", None)]


@pytest.mark.parametrize("text", [
    "The Nanhu Stadium opened last year. It will host the opening of the provincial football league in late August.",
    "The Nanhu Stadium opened last year. It staged the opening of the Asian Cup in May.",
])
def test_an_event_opening_a_venue_hosts_is_no_completion(extract, text):
    assert values(extract(text)[0], "completion") == [("2023", None)]


@pytest.mark.parametrize("text,expected", [
    ("The city will push projects such as the Dongcun South Road in Xihe and the Nanhu Bay Tunnel.",
     ["Dongcun South Road", "Nanhu Bay Tunnel"]),
    ("Key projects including the Beiyuan Avenue and the Nanhu Library will be finished next year.",
     ["Beiyuan Avenue", "Nanhu Library"]),
])
def test_a_road_given_as_an_example_of_projects_is_a_project(extract, text, expected):
    assert names(extract(text)) == expected


def test_a_road_given_as_a_place_stays_a_place(extract):
    recs = extract("The Nanhu Library will be built on the Dongcun South Road in Xihe.")
    assert names(recs) == ["Nanhu Library"]


@pytest.mark.parametrize("text", [
    "Construction will go on at the Nanhu Tower, the Xihe Innovation Park and the Dongcun Business Center.",
    "Work is under way at the Nanhu Tower, the Xihe Innovation Park and the Dongcun Business Center.",
])
def test_the_sites_where_construction_goes_on_are_the_works(extract, text):
    assert names(extract(text)) == ["Dongcun Business Center", "Nanhu Tower", "Xihe Innovation Park"]


def test_people_at_a_park_make_it_no_works(extract):
    assert names(extract("Workers at the Xihe Innovation Park cheered the news.")) == []


@pytest.mark.parametrize("text", [
    "According to the northern branch of the Nanhu Power Investment Corporation Limited, the farm cost 2 billion yuan.",
    "The Xihe branch of Nanhu Construction Bank Corporation opened on Monday.",
])
def test_a_companys_branch_is_no_project(extract, text):
    assert names(extract(text)) == []


def test_a_hospitals_branch_is_still_a_project(extract):
    assert names(extract("The Xihe branch of Nanhu People's Hospital opened on Monday.")) == [
        "Xihe branch of Nanhu People's Hospital"]


def test_a_nearby_list_is_context(extract):
    assert names(extract("The tunnel will help the nearby Dongcun Commercial Area, the Xihe Bay Commercial Area and "
                         "Beiyuan Logistics Park to develop.")) == []


@pytest.mark.parametrize("text,name", [
    ("The renovation project of the 7.8-km Nanhu Avenue was completed in May.", "renovation project of the 7.8-km Nanhu Avenue"),
    ("The widening of the 12-kilometer Xihe Road will finish in May.", "widening of the 12-kilometer Xihe Road"),
])
def test_a_length_before_the_road_of_a_works_stays_in_its_name(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_ticket_price_is_neither_an_investment_nor_works_evidence(extract):
    recs = by_name(extract("Nanhu Metro Line 4 opened on December 26. A one-way ticket on Line 4 costs no more than 7 "
                           "yuan, the same cap as for a trip that transfers to Line 3."))
    assert "Line 3" not in recs and values(recs["Nanhu Metro Line 4"], "investment") == []


def test_a_shape_is_no_name_word(extract):
    assert names(extract("Nanhu Metro Line 4 opened on December 26. The new L-shaped line has 31 stations.")) == [
        "Nanhu Metro Line 4"]


@pytest.mark.parametrize("text,count", [
    ("One hundred and fourteen major projects will be built this year.", 114),
    ("Three hundred and five key projects started in May.", 305),
])
def test_a_count_in_words_with_and_is_one_number(extract, text, count):
    recs = extract(text)
    assert [r.count for r in recs if r.kind == "project_group"] == [count]


def test_a_designated_part_of_a_project_is_its_own_record(extract):
    recs = extract("The Nanhu International Airport is being built. Construction workers were busy at the site of "
                   "Terminal 2 of Nanhu International Airport in Xihe District.")
    assert names(recs) == ["Nanhu International Airport", "Terminal 2 of Nanhu International Airport"]


@pytest.mark.parametrize("modifier", ["crowded", "congested", "busy"])
def test_a_crowded_existing_facility_is_context(extract, modifier):
    recs = extract(f"The new airport will take pressure off the {modifier} Nanhu Capital International Airport. "
                   "The airport is expected to begin test operation in October 2025.")
    assert "Nanhu Capital International Airport" not in names(recs)


def test_a_place_possessive_after_of_is_no_part_of_the_name(extract):
    recs = extract("Work on the No. 1 launch pad of China's first commercial spacecraft launch site was completed "
                   "Friday. Construction of the No. 1 launch pad began in July 2022.")
    assert names(recs) == ["No. 1 launch pad"]


def test_names_listed_before_among_them_are_projects(extract):
    recs = extract("Nanhu set aside 3 billion yuan for 90 key industrial projects. Xihe's smart manufacturing industrial "
                   "park, Dongcun Daily's culture center and a 300-meter Beiyuan Tower are among them.")
    assert names(recs) == ["Beiyuan Tower", "Dongcun Daily's culture center", "Xihe's smart manufacturing industrial park"]


def test_an_institute_given_as_an_example_of_projects_is_a_project(extract):
    recs = extract("The district will spend 2 billion yuan on 17 projects, for example the Nanhu Research Institute of "
                   "Xihe University and the Dongcun Hospital.")
    assert "Nanhu Research Institute of Xihe University" in names(recs)


def test_an_institute_among_institutions_stays_an_organisation(extract):
    assert names(extract("Experts from institutions such as the Nanhu Research Institute of Xihe University "
                         "attended.")) == []


def test_a_deictic_day_opening_a_sentence_is_no_name_word(extract):
    recs = extract("Yesterday Dongcun Hospital of Nanhu Medical University opened in Xihe District.")
    assert names(recs) == ["Dongcun Hospital of Nanhu Medical University"]


@pytest.mark.parametrize("text", [
    'Nanhu becomes a computing highland within the "East Data West Computing" project.',
    "The Belt and Road Initiative will be built on by the new Nanhu Port.",
    'Xiba hosts a national hub node of the "Eastern Data, Western Computing" project, completed in 2023.',
])
def test_a_national_programme_is_no_project(extract, text):
    assert not any(n.lower().startswith(("east data", "eastern data", "belt and road")) for n in names(extract(text)))


@pytest.mark.parametrize("text,name", [
    ("Another 62 projects, such as metro line 18 and the Nanhu Port, will receive 25 billion yuan.", "metro line 18"),
    ("The district will push 12 projects, such as subway line 6 and the Xihe Library.", "subway line 6"),
])
def test_a_lower_case_metro_line_with_its_number_is_a_name(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize("full,short", [
    ("Xihe-Nanhu Expressway", "Xina Expressway"),
    ("Dongcun-Beiyuan high-speed railway", "Dongbei high-speed railway"),
])
def test_a_route_abbreviated_by_its_ends_first_syllables_is_one_record(extract, full, short):
    recs = extract(f"The {full} opened on Friday. The {short} is 480 kilometers long and cost 67 billion yuan.")
    assert names(recs) == [full] and values(recs[0], "investment") == [(67_000_000_000, None)]


def test_a_different_route_word_is_no_abbreviation(extract):
    recs = extract("The Xihe-Nanhu Expressway opened on Friday. The Xiyang Expressway cost 67 billion yuan.")
    assert set(names(recs)) == {"Xihe-Nanhu Expressway", "Xiyang Expressway"}


@pytest.mark.parametrize("text", [
    "Nanhu sits at the centre of the Xihe Economic Circle and plays a big part in the region.",
    "The city lies in the heart of the Dongcun Economic Zone.",
])
def test_the_centre_of_a_place_is_no_project(extract, text):
    assert names(extract(text)) == []


def test_a_section_named_by_its_ends_alone_is_a_part_at_those_ends(extract):
    recs = by_name(extract("The list holds eight projects, for example the embankment section of Dongcun and the "
                           "section from Nanhu to Xihe, and the New River project of Beiyuan."))
    assert values(recs["section from Nanhu to Xihe"], "locations") == ["Nanhu", "Xihe"]
    assert values(recs["embankment section of Dongcun"], "locations") == []


@pytest.mark.parametrize("title", ["head", "director", "general manager"])
def test_the_head_of_a_data_centre_runs_a_facility_not_an_organisation(extract, title):
    recs = extract(f"Zhang, {title} of the Nanhu Big Data Center, said the center will enter service in May.")
    assert names(recs) == ["Nanhu Big Data Center"]


def test_the_director_of_a_research_centre_is_of_an_organisation(extract):
    assert names(extract("Li, director of the Nanhu Research Center, said the Xihe Bridge will open in May.")) == [
        "Xihe Bridge"]


@pytest.mark.parametrize("text,counts", [
    ("Shandong settles on 2000 provincial key projects for this year.", [2000]),
    ("Nanhu will launch nearly 2000 projects this year.", [2000]),
    ("Sichuan passes the halfway mark on 2024 economic circle projects.", []),
    ("The 2024 key projects of Nanhu were announced.", []),
])
def test_a_year_like_count_is_a_count_only_far_from_the_year_of_the_report(extract, text, counts):
    assert [r.count for r in extract(text) if r.kind == "project_group"] == counts


def test_the_headquarters_of_a_kind_of_company_is_no_project(extract):
    assert names(extract("The tower aims to draw the headquarters of Internet and financial companies.")) == []


@pytest.mark.parametrize("text,project,place", [
    ("In the Yanqing competition zone, the Xiaohaituo Ski Centre was completed at the end of June.",
     "Xiaohaituo Ski Centre", "Yanqing competition zone"),
    ("The Dongfeng Cancer Hospital will open next year in the Xinzhou industrial park.",
     "Dongfeng Cancer Hospital", "Xinzhou industrial park"),
    ("The Qinglan Data Centre, which sits in the Huaxi logistics park, will be finished in 2026.",
     "Qinglan Data Centre", "Huaxi logistics park"),
])
def test_a_lower_case_place_head_after_a_proper_word_is_a_location(extract, text, project, place):
    assert values(by_name(extract(text))[project], "locations") == [place]


@pytest.mark.parametrize("text,project", [
    ("The Xili campus of Shenzhen University Hospital will open in 2026.", "Shenzhen University Hospital"),
    ("The Shijingshan section of the Yongding River dyke will be finished by June.", "Yongding River dyke"),
])
def test_a_lower_case_part_head_is_no_location(extract, text, project):
    for r in extract(text):
        assert not any(p in v for v in values(r, "locations") for p in ("Xili campus", "Shijingshan section"))


@pytest.mark.parametrize("text,value", [
    ("Building work on the Qinglan Data Centre should conclude in 2026.", "2026"),
    ("The Lize Tower is due to conclude construction in March 2027.", "2027-03"),
])
def test_work_that_concludes_is_a_completion(extract, text, value):
    assert [v[0] for r in extract(text) for v in values(r, "completion")] == [value]


def test_deals_concluded_give_no_completion(extract):
    recs = extract("The Qinglan Data Centre's owner said today it had concluded agreements with two banks.")
    assert not any(r.completion for r in recs)


@pytest.mark.parametrize("text,name", [
    ("The main body project of the Qinghe Innovation Park, which covers 306000 square meters, is done.",
     "Qinghe Innovation Park"),
    ("The foundation works of the Lize Hospital cost 2 billion yuan.", "Lize Hospital"),
    ("Crews began the main structure project of Tongzhou Library last week.", "Tongzhou Library"),
])
def test_a_partial_works_project_of_a_named_project_is_that_project(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_partial_works_project_finished_gives_no_completion(extract):
    recs = extract("The main structure project of Tongzhou Library was finished in May.")
    assert names(recs) == ["Tongzhou Library"] and not recs[0].completion


@pytest.mark.parametrize("text,expected", [
    ("The two venues have been built. In downtown Beijing, they are the Xiyuan Aquatics Center and the Lize Gymnasium.",
     ["Lize Gymnasium", "Xiyuan Aquatics Center"]),
    ("Three new hospitals will open in 2025. They are the Qinghe Hospital and the Xiyuan Hospital. "
     "The remaining one, the Lize Hospital, sits in Fengtai.", ["Lize Hospital", "Qinghe Hospital", "Xiyuan Hospital"]),
])
def test_a_count_of_works_listed_by_they_are_in_the_next_sentence(extract, text, expected):
    assert names(extract(text)) == expected


def test_they_are_after_a_count_of_people_lists_no_projects(extract):
    assert names(extract("Two officials visited. They are the heads of the Xiyuan Arena and the Lize Gym.")) == []


def test_they_are_lists_must_make_the_count(extract):
    assert names(extract("The five venues have been built. They are the Xiyuan Arena and the Lize Gym.")) == []


@pytest.mark.parametrize("text,expected", [
    ("Another Yangtze bridge opens\n\nThe Zhuankou Yangtze Bridge opened for traffic on Thursday.", ["Zhuankou Yangtze Bridge"]),
    ("Another Beijing hospital will open next year in Tongzhou District.", []),
    ("Work began on another Xiong'an school, the Rongdong Middle School, in May.", ["Rongdong Middle School"]),
])
def test_another_opens_a_description_not_a_name(extract, text, expected):
    assert names(extract(text)) == expected


@pytest.mark.parametrize("text,name", [
    ("The western extension to the Line 6 will open this year.", "western extension to the Line 6"),
    ("Work on the phase two extension to Metro Line 9 began in May.", "phase two extension to Metro Line 9"),
    ("The LRT extension to Hengqin will take four years to build.", "LRT extension to Hengqin"),
])
def test_an_extension_to_a_line_or_place_is_named_with_it(extract, text, name):
    assert name in names(extract(text))


def test_an_extension_to_a_city_keeps_the_city_out_of_the_name(extract):
    assert "subway extension to Beijing" not in names(extract(
        "Work resumes on the subway extension to Beijing 2022's Shougang venues, due to open in 2021."))


@pytest.mark.parametrize("text", [
    "Work has started on Line 31, which will cost 9 billion yuan. Its stops are Xiba, Lize Lu and Qinghe Donglu.",
    "Work has started on Line 31, which will cost 9 billion yuan. Its stops are:\n\n  • Xiba (interchange with Line 6)\n"
    "  • Lize Lu\n  • Qinghe Donglu\n\nLine 31 will open in 2027.",
    "Line 31 will cost 9 billion yuan and have three stations: Xiba, Lize Lu and Qinghe Donglu.",
])
def test_a_lines_listed_stops_inline_or_bulleted_are_its_locations(extract, text):
    assert values(by_name(extract(text))["Line 31"], "locations") == ["Xiba", "Lize Lu", "Qinghe Donglu"]


def test_a_bulleted_stop_list_of_a_described_subject_is_not_guessed(extract):
    recs = extract("The Lize Line opened in 2020, and the Xiba Line in 2021. The 30-km section, which opens now, "
                   "has 3 stations:\nQinghe, Lize Lu and Xiba North.")
    assert all(not r.locations for r in recs)


def test_a_lower_case_place_description_after_a_place_is_no_second_location(extract):
    recs = extract("The Lize Airport, which opened in June, sits in the Xiba New Area, the Qinghe development zone "
                   "where the old airport also stood.")
    assert values(by_name(recs)["Lize Airport"], "locations") == ["Xiba New Area"]


def test_a_place_closing_an_unnamed_coordinated_item_is_not_the_named_items(extract):
    recs = extract("Another 26 projects, such as the Xiba Steel Plant and Midea electric heating products in the "
                   "Qinghe Economic Development Zone, are in the plan, with 3 billion yuan invested in the plant.")
    assert values(by_name(recs)["Xiba Steel Plant"], "locations") == []


@pytest.mark.parametrize("text,name", [
    ("The year saw work finish on a green and intelligent Xiaopeng Auto factory in Shunyi district.", "Xiaopeng Auto factory"),
    ("Construction of a Huayou Cobalt plant in Yizhuang will be completed in 2026.", "Huayou Cobalt plant"),
])
def test_an_indefinite_description_of_a_companys_works_is_a_project(extract, text, name):
    assert name in names(extract(text))


@pytest.mark.parametrize("text", [
    "Construction of a new Beijing subway line will be completed in 2026.",
    "Guests broke ground near a Casio factory in the Torch Zone on Monday.",
    "Construction of an AI cluster will be completed in 2026.",
])
def test_a_place_a_landmark_or_an_acronym_before_a_description_makes_no_owner(extract, text):
    assert names(extract(text)) == []


@pytest.mark.parametrize("text,name,alias", [
    ("The report on Xiba Subway Line 31, the line formerly called the Lize Line, was released on Monday; "
     "the line will open by the end of 2026.", "Xiba Subway Line 31", "Lize Line"),
    ("Line 31, previously known as the Lize Line, will open by the end of 2026.", "Line 31", "Lize Line"),
    ("The Qinghe Park, originally named Xiba Garden, opened in May.", "Qinghe Park", "Xiba Garden"),
])
def test_a_former_name_is_an_alias_of_the_first(extract, text, name, alias):
    recs = by_name(extract(text))
    assert list(recs) == [name] and alias in recs[name].aliases


def test_a_report_on_a_line_is_about_the_line_not_sited_on_it(extract):
    assert names(extract("An assessment report on the Xiba Line was released; the line will open in 2026.")) == ["Xiba Line"]


@pytest.mark.parametrize("text", [
    "Three new lines, namely the east extension of Line 31, Line 32 and the Xiba Line, will connect downtown with Lize district.",
    "The east extension of Line 31, Line 32 and the Xiba Line will all link the city centre to Lize district.",
])
def test_coordinated_lines_share_the_route_end_they_connect(extract, text):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 3 and all(values(r, "locations") == ["Lize district"] for r in recs)


def test_a_route_end_is_not_shared_with_a_building_in_the_list(extract):
    recs = by_name(extract("The Lize Hospital, opened in 2020, and the Xiba Line will connect with Tongzhou district."))
    assert values(recs["Lize Hospital"], "locations") == []


@pytest.mark.parametrize("text,name,place", [
    ("The renovation project on the Qinghe Ring Road was completed on Sunday.",
     "renovation project on the Qinghe Ring Road", "Qinghe Ring Road"),
    ("A widening project on Xiba Road will finish in 2026.", "widening project on Xiba Road", "Xiba Road"),
])
def test_a_works_project_on_a_named_road_is_named_with_it(extract, text, name, place):
    recs = by_name(extract(text))
    assert list(recs) == [name] and values(recs[name], "locations") == [place]


@pytest.mark.parametrize("text", [
    "The Lize Museum is popular. Its night event added 75 hours of extended service.",
    "The Lize Museum drew crowds: since the exhibition opened in June, 150,000 people have come.",
])
def test_an_event_or_an_adjective_gives_an_existing_venue_no_works(extract, text):
    assert names(extract(text)) == []


def test_a_line_extended_is_still_a_works(extract):
    assert names(extract("Line 9 will be extended to Lize Town in 2026.")) == ["Line 9"]


def test_a_branch_of_a_government_body_is_an_organisation(extract):
    recs = extract("The Xiba branch of the Municipal Commission of Planning said the Lize housing project, covering "
                   "47.8 hectares, will be delivered in 2024.")
    assert names(recs) == ["Lize housing project"]


def test_a_cue_phrase_with_an_optional_word_stands_for_each_form():
    from extractor.resources import expand_optional
    assert expand_optional(["began (commercial|official)? operations", "opened"]) == [
        "began operations", "began commercial operations", "began official operations", "opened"]


@pytest.mark.parametrize("text", [
    "The Xiba branch of the Municipal Commission of Planning and Natural Resources approved the Lize housing project, "
    "which will be delivered in 2024.",
    "The Xiba branch of the municipal planning commission approved the Lize housing project, which will be delivered in 2024.",
])
def test_a_branch_of_an_authority_named_in_full_or_in_lower_case_is_an_organisation(extract, text):
    assert names(extract(text)) == ["Lize housing project"]


def test_a_hospitals_branch_stays_a_project(extract):
    assert names(extract("The Tongzhou branch of the Anzhen hospital will open in 2026.")) == [
        "Tongzhou branch of the Anzhen hospital"]


@pytest.mark.parametrize("text,name,ends", [
    ("The Gangxi to Huaqiao South section of Line 31 will open in 2024.",
     "Gangxi to Huaqiao South section of Line 31", ["Gangxi", "Huaqiao South"]),
    ("Five sections will open this year, among them the Xiba to Lize section of Line 32 in Nanshan District.",
     "Xiba to Lize section of Line 32", ["Xiba", "Lize", "Nanshan District"]),
])
def test_a_route_part_named_by_its_ends_keeps_them_in_its_name_and_places(extract, text, name, ends):
    recs = by_name(extract(text))
    assert name in recs and values(recs[name], "locations") == ends


@pytest.mark.parametrize("text,value", [
    ("The Xiba check-in terminal, covering 4.1 acres, will open in 2021.", 16592.11),
    ("The Qinghe Medical City covers 4,000 acres and will open in 2026.", 16187425.69),
])
def test_acres_are_an_area_unit(extract, text, value):
    area = [v for r in extract(text) for v in r.area]
    assert [round(v.value, 2) for v in area] == [value]


@pytest.mark.parametrize("text", [
    "The open reading space of the Lize Library Photo: Courtesy of Capital Library of Xiba\n\nThe Lize Library opened on Wednesday.",
    "The Lize Library (photo provided by the Qinghe Design Institute) opened on Wednesday.",
])
def test_a_photo_credit_names_no_project(extract, text):
    assert names(extract(text)) == ["Lize Library"]


@pytest.mark.parametrize("text,name", [
    ("In 2020 the city began construction of the Xiba Autonomous Driving Demonstration Zone in Lize Town.",
     "Xiba Autonomous Driving Demonstration Zone"),
    ("The district will build the Qinghe Bonded Logistics Zone, at a cost of 2 billion yuan.", "Qinghe Bonded Logistics Zone"),
])
def test_a_zone_the_text_builds_is_a_project(extract, text, name):
    assert names(extract(text)) == [name]


def test_a_known_area_under_construction_stays_a_place(extract):
    assert names(extract("The city will speed up the construction of Xiong'an New Area.")) == []


def test_the_project_after_a_locative_frame_is_the_project_named_as_one(extract):
    recs = by_name(extract("At the Xiba car factory in Lize Town, work on the new Qinghe model upgrade project is going at "
                           "full speed. Backed by about 5 billion yuan, the project is due to be put into official "
                           "operation in June of 2025."))
    assert values(recs["Qinghe model upgrade project"], "investment") == [(5e9, "APPROX")]
    assert values(recs["Qinghe model upgrade project"], "completion") == [("2025-06", None)]


@pytest.mark.parametrize("text", [
    "Work began on Thursday on a section of the Xiba-Lize Railway, Qinghe Railway Group announced; it will open in 2026.",
    "The Xiba-Lize Railway will open in 2026, according to Qinghe Railway.",
])
def test_who_speaks_is_an_organisation_not_a_project(extract, text):
    assert names(extract(text)) == ["Xiba-Lize Railway"]


def test_near_opening_a_sentence_is_no_part_of_a_name(extract):
    recs = names(extract("Near the Lize International Airport, the Qinghe Convention Center will open in 2026."))
    assert "Qinghe Convention Center" in recs and not any(n.startswith("Near") for n in recs)


@pytest.mark.parametrize("text,name", [
    ("The Xiba-Lize link will open to traffic in 2024.", "Xiba-Lize link"),
    ("Work on the Qinghe-Xiba link began in May, and it will open in 2027.", "Qinghe-Xiba link"),
])
def test_a_lower_case_link_after_a_route_pair_is_a_name(extract, text, name):
    assert names(extract(text)) == [name]


def test_link_as_a_verb_makes_no_name(extract):
    assert names(extract("The two new roads will link Xiba-Lize traffic to the port in 2026.")) == []


def test_spring_alone_is_a_season_but_spring_festival_is_a_holiday(extract):
    recs = extract("The Lize Market will reopen before the Spring Festival of 2020. The Xiba Mall will open in the spring of 2021.")
    got = {r.name.text: values(r, "completion") for r in recs}
    assert got["Lize Market"] == [("2020-01-25", "ON_OR_BEFORE")] and got["Xiba Mall"] == [("2021", "START")]


def test_a_bracketed_cue_speaks_of_the_name_before_it_not_of_the_list(extract):
    recs = names(extract("Line 31 will open in 2026. Of its 21 stations, 15 will be transfer stations, linking it to "
                         "Line 4, Line 32 (still under construction), Line 5 and the Xiba Line."))
    assert recs == ["Line 31", "Line 32"]


def test_a_bulleted_station_list_reports_no_line_it_transfers_to(extract):
    recs = names(extract("Line 31 will open in 2026.\n\nThe new stations include:\n\n  • Xiba\n  • Lize Qiao (to Line 10)\n"
                         "  • Qinghe (to Line 13)\n"))
    assert recs == ["Line 31"]


def test_a_universitys_school_of_a_discipline_is_an_organisation(extract):
    recs = names(extract("The Lize Building, completed in 2016, houses the School of Chinese Language and Literature, "
                         "the School of History and the College of Life Sciences."))
    assert recs == ["Lize Building"]


def test_the_far_end_a_line_links_with_is_a_place(extract):
    recs = by_name(extract("Work is under way on the Xiba express line linking Lize Town with Qinghe International Airport, "
                           "which will open in 2026."))
    assert list(recs) == ["Xiba express line"]
    assert values(recs["Xiba express line"], "locations") == ["Lize Town", "Qinghe International Airport"]


@pytest.mark.parametrize("text,kept,context", [
    ("Once finished, the new terminal will serve the south of the city, working alongside Qinghe International Airport.",
     None, "Qinghe International Airport"),
    ("When the works are completed, a ride to Lize Railway Station will take 15 minutes.", None, "Lize Railway Station"),
    ("After it is renovated, the hall will host concerts for visitors of the Xiba Museum.", None, "Xiba Museum"),
    ("Built in 2008, the Lize Stadium seats 40,000.", "Lize Stadium", None),
    ("Running past hills, lakes and woods, Line 31 will open in 2026.", "Line 31", None),
    ("A branch line is planned, and the Xiba Line will be extended to Qinghe.", "Xiba Line", None),
])
def test_a_cue_reaches_a_name_after_it_only_within_its_clause(extract, text, kept, context):
    got = names(extract(text))
    if kept:
        assert kept in got
    if context:
        assert context not in got


@pytest.mark.parametrize("text", [
    "Qinghe Data Center will open in 2026. The ambitious project is led by Lize Energy.",
    "Qinghe Data Center will open in 2026. Officials say the mega project will create 500 jobs.",
    "Qinghe Data Center will open in 2026. The latest project of its kind, it will cost 2 billion yuan.",
])
def test_an_evaluative_description_refers_back(extract, text):
    assert names(extract(text)) == ["Qinghe Data Center"]


@pytest.mark.parametrize("text,name,expected", [
    ("The west extension of Metro Line 2 entered trial runs in May. The extension will open by the end of this year.",
     "west extension of Metro Line 2", [("2024", "END")]),
    ("Work on the north expansion of Lize Airport went on through May. The expansion is due in 2026.",
     "north expansion of Lize Airport", [("2026", None)]),
    ("The renovation of Xiba Road began in spring. The renovation will be finished in October.",
     "renovation of Xiba Road", [("2024-10", None)]),
])
def test_a_works_name_is_referred_back_to_by_its_works_noun(extract, text, name, expected):
    assert values(by_name(extract(text))[name], "completion") == expected


@pytest.mark.parametrize("text", [
    "The newly built Lize Stadium and the renovated Xiba Gymnasium are due to be completed in October 2025.",
    "The Lize Stadium and the expanded Xiba Gymnasium will open in October 2025.",
    "The upgraded Lize Stadium and the relocated Xiba Gymnasium will be put into use in October 2025.",
])
def test_a_participle_before_a_listed_name_keeps_the_date_shared(extract, text):
    recs = by_name(extract(text))
    assert values(recs["Lize Stadium"], "completion") == [("2025-10", None)]
    assert values(recs["Xiba Gymnasium"], "completion") == [("2025-10", None)]


@pytest.mark.parametrize("text,expected", [
    ("By the end of this year, the Lize Line is expected to operate.", [("2024", "END")]),
    ("The Lize Line is scheduled to operate in March next year.", [("2025-03", None)]),
    ("The Xiba tram line is set to operate by June 2025.", [("2025-06", "ON_OR_BEFORE")]),
])
def test_expected_to_operate_is_a_completion(extract, text, expected):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1 and values(recs[0], "completion") == expected


def test_a_proper_archives_is_a_project_but_city_archives_are_no_name(extract):
    assert names(extract("The Lize Provincial Archives threw open its doors on Saturday.")) == ["Lize Provincial Archives"]
    assert names(extract("The city archives are open on weekdays, and the Lize Park opened in 2020.")) == ["Lize Park"]


@pytest.mark.parametrize("text,mod", [
    ("The Lize Park will cost no less than 18 billion yuan.", "MORE_THAN"),
    ("The Lize Park will cost not less than 18 billion yuan.", "MORE_THAN"),
    ("The Lize Park will cost no more than 18 billion yuan.", "LESS_THAN"),
])
def test_no_less_than_is_at_least(extract, text, mod):
    (rec,) = extract(text)
    assert values(rec, "investment") == [(18e9, mod)]


@pytest.mark.parametrize("text,kept", [
    ("A bridge over the river opened on Tuesday, the latest large transport project in the region. "
     "The Lize Bridge cost 5 billion yuan.", ["Lize Bridge"]),
    ("The Lize Wind Farm went into operation on Friday. It is the farthest offshore wind power project in China.",
     ["Lize Wind Farm"]),
    ("The Lize Housing Project was delivered in 2022. It was the city's last large-scale residential renovation project.",
     ["Lize Housing Project"]),
    ("The latest section of the Lize Expressway opened on Saturday.", ["latest section of the Lize Expressway"]),
])
def test_a_superlative_description_is_no_new_project_but_a_latest_part_is(extract, text, kept):
    assert names(extract(text)) == kept


@pytest.mark.parametrize("text", [
    "Investment in the Lize Canal project has surpassed 94.91 billion yuan.",
    "Spending on the Lize Canal project surpasses 94.91 billion yuan.",
    "The Lize Canal project's cost has exceeded 94.91 billion yuan.",
])
def test_surpassed_is_more_than(extract, text):
    (rec,) = extract(text)
    assert values(rec, "investment") == [(94.91e9, "MORE_THAN")]


@pytest.mark.parametrize("text,name", [
    ("On Sept 25, Lize Museum West received its first group of visitors.", "Lize Museum West"),
    ("The Xiba Library North will open to readers in 2026.", "Xiba Library North"),
    ("The Capital Museum East was completed in 2023.", "Capital Museum East"),
])
def test_a_site_named_by_its_side_keeps_the_side(extract, text, name):
    assert names(extract(text)) == [name]


@pytest.mark.parametrize("text,kept", [
    ("The Lize Park, completed in 2020, covers 60 hectares, three times the size of Xiba Park.", ["Lize Park"]),
    ("The Lize Stadium, completed in 2020, is as large as the Xiba Stadium.", ["Lize Stadium"]),
    ("The Lize Bridge, opened in 2020, is longer than the Xiba Bridge.", ["Lize Bridge"]),
    ("The city will build the Lize Hospital, as well as the Xiba School, by 2026.", ["Lize Hospital", "Xiba School"]),
])
def test_a_yardstick_is_no_project(extract, text, kept):
    assert names(extract(text)) == kept


def test_a_heading_in_capitals_is_no_project(extract):
    recs = extract("The Lize Computing Center will cost 2 billion yuan.\n\nDIGEST HUB\n"
                   "- 2021: Lize's debt was 87.8 billion yuan.\n- 2024: Its debt was 154.7 billion yuan.")
    assert names(recs) == ["Lize Computing Center"]
    assert values(recs[0], "investment") == [(2e9, None)]


@pytest.mark.parametrize("text", [
    "The Lize data center system will be completed in 2025.",
    "As a hub of the national big-data center system, Lize is building data centers.",
])
def test_a_head_before_system_modifies_it(extract, text):
    assert names(extract(text)) == []


@pytest.mark.parametrize("text", [
    "Industrial investment will grow by over 8 percent year-on-year, and provincial key projects will reach 368.7 billion yuan.",
    "Investment rose 12% year on year, and municipal key projects took 40 billion yuan.",
])
def test_a_share_is_no_count_of_projects(extract, text):
    assert [r for r in extract(text) if r.kind == "project_group"] == []


@pytest.mark.parametrize("text", [
    "- Lize signed 26 projects with a total investment of 30.3 billion yuan\n\nAt the ceremony, 26 projects were signed, "
    "with a total investment of 30.3 billion yuan.",
    "Construction of 831 major projects started together. Across the province, work began on 831 major projects "
    "with a total investment of 302.7 billion yuan.",
])
def test_a_large_count_said_twice_is_one_set(extract, text):
    groups = [r for r in extract(text) if r.kind == "project_group"]
    assert len(groups) == 1 and len(groups[0].investment) == 1


@pytest.mark.parametrize("text,name,expected", [
    ("Work began on the east branch of the Lize Museum in May, and the building is expected to be completed in 2026.",
     "east branch of the Lize Museum", [("2026", None)]),
    ("Work began on the Lize Expressway on Monday. Scheduled to be fully completed by 2026, the route will serve tourists.",
     "Lize Expressway", [("2026", "ON_OR_BEFORE")]),
    ("The Xiba Hospital was topped out on Monday. The building will be put into use in 2026.", "Xiba Hospital",
     [("2026", None)]),
])
def test_the_building_and_the_route_refer_back(extract, text, name, expected):
    assert values(by_name(extract(text))[name], "completion") == expected


@pytest.mark.parametrize("text,expected", [
    ("The Lize Museum was inaugurated on Thursday.", [("2024-01-25", None)]),
    ("The Lize Design Park and the Xiba Library were inaugurated on Thursday.", [("2024-01-25", None)]),
    ("The inauguration of the Lize Bridge took place on Sunday.", [("2024-01-28", None)]),
])
def test_an_inauguration_is_an_opening(extract, text, expected):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert recs and all(values(r, "completion") == expected for r in recs)


@pytest.mark.parametrize("text", [
    "The Lize Hospital was topped out on Monday.",
    "The main structure of the Lize Hospital was capped on Monday.",
    "The Lize Hospital was roofed last week.",
])
def test_a_topping_out_reports_a_project(extract, text):
    assert names(extract(text)) == ["Lize Hospital"]


@pytest.mark.parametrize("text,names_", [
    ("Work on the Lize Expressway and the Xiba Expressway is nearly done. The expressways will open to traffic in "
     "June 2025.", ["Lize Expressway", "Xiba Expressway"]),
    ("The Lize Stadium and the Xiba Gym are nearly done. Both venues will open in June 2025.", ["Lize Stadium", "Xiba Gym"]),
    ("The Lize Bridge and the Xiba Bridge were closed in May. The bridges will reopen in June 2025.",
     ["Lize Bridge", "Xiba Bridge"]),
])
def test_a_plural_of_their_kind_dates_each_project_named_before(extract, text, names_):
    recs = by_name(extract(text))
    assert all(values(recs[n], "completion") == [("2025-06", None)] for n in names_)


def test_the_stations_after_transfer_lines_refer_to_none_of_them(extract):
    recs = names(extract("Line 19 will open in 2026. It links up with Line 2 and Line 10. Signs inside the stations "
                         "will guide passengers."))
    assert recs == ["Line 19"]


@pytest.mark.parametrize("text,expected", [
    ("The Lize Hospital is almost finished. It will enter full operation on March 1, 2025.", [("2025-03-01", None)]),
    ("The new terminal of Lize Airport started handling flights on Aug. 29.", [("2023-08-29", None)]),
])
def test_more_ways_to_say_operation_begins(extract, text, expected):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1 and values(recs[0], "completion") == expected


@pytest.mark.parametrize("text,value", [
    ("Lize plans $8b theme park. The Lize Theme Park will cost $8b.", 8e9),
    ("The Lize Park will cost US$620m.", 620e6),
    ("The Lize Park will cost US$1.5bn.", 1.5e9),
])
def test_a_one_letter_scale_after_a_currency_amount(extract, text, value):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert [v.value for r in recs for v in r.investment][-1] == value


def test_a_metre_length_is_no_money(extract):
    (rec,) = extract("The Lize Bridge, 800 m long and 30m wide, cost 2 billion yuan.")
    assert values(rec, "investment") == [(2e9, None)]


@pytest.mark.parametrize("text", [
    "The Xiba Line will open in 2026; it links scenery spots such as the Lize Park and the Qinghe Botanical Garden.",
    "Landmark sites such as the Lize Museum and the Qinghe Art Museum draw crowds, but the Xiba Line will open in 2026.",
    "Resorts such as the Lize Ski Resort and the Qinghe Resort were rated, and the Xiba Line will open in 2026.",
])
def test_existing_sites_given_as_examples_are_no_projects(extract, text):
    assert names(extract(text)) == ["Xiba Line"]


def test_new_museums_given_as_examples_still_are(extract):
    assert "Lize Museum" in names(extract("New museums such as the Lize Museum will open in 2026."))


@pytest.mark.parametrize("text,ends", [
    ("The Lize line, which runs from Suzhuang in Fangshan to Yanhua, opened on Saturday.", ["Suzhuang", "Yanhua"]),
    ("The Lize line runs from Xiba in Changping District to Qinghe and opened on Saturday.", ["Xiba", "Qinghe"]),
])
def test_a_route_end_qualified_by_its_district_is_still_an_end(extract, text, ends):
    (rec,) = extract(text)
    assert all(e in values(rec, "locations") for e in ends)


@pytest.mark.parametrize("text,expected", [
    ("Three years after work began, the Lize Exhibition Center held its inauguration in Bao'an yesterday.",
     [("2024-01-27", None)]),
    ("Since the operation of Lize Line 1 in 1969, the city has built 20 lines.", [("1969", None)]),
])
def test_an_inauguration_or_operation_of_dates_the_project(extract, text, expected):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert values(recs[0], "completion") == expected


def test_an_inauguration_ceremony_of_a_set_of_starts_is_no_completion(extract):
    groups = [r for r in extract("Lize started 245 projects on Thursday. According to the inauguration ceremony held on "
                                 "Thursday, the batch covers roads and schools.") if r.kind == "project_group"]
    assert groups and all(g.completion == [] for g in groups)


@pytest.mark.parametrize("text,kept", [
    ("Tianjin Port handled 400 million tonnes last year, and the Lize Terminal opened on Monday.", ["Lize Terminal"]),
    ("Shandong Port Group started 20 projects; Qingdao Port will expand, and the Lize Terminal opened on Monday.",
     ["Lize Terminal"]),
    ("The fourth phase of Nansha Port will open in 2026.", ["Nansha Port"]),
])
def test_a_city_or_province_port_is_the_operating_port(extract, text, kept):
    assert names(extract(text)) == kept


@pytest.mark.parametrize("text,name,expected", [
    ("The Lize Stadium closed in May. The renovation project will be completed by the end of 2025.", "Lize Stadium",
     [("2025", "END")]),
    ("Work began on the Xiba Museum. The museum project will cost 200 million yuan and open in 2026.", "Xiba Museum",
     [("2026", None)]),
])
def test_a_kind_project_refers_back(extract, text, name, expected):
    recs = by_name(extract(text))
    assert list(recs) == [name] and values(recs[name], "completion") == expected


def test_a_described_project_with_content_is_still_a_name(extract):
    assert "sewage treatment project" in names(extract("The sewage treatment project will cost 2 billion yuan."))


@pytest.mark.parametrize("text,slot,expected", [
    ("Line 6 opened on Monday. The first section runs between Xiba and Qinghe.", "locations", ["Xiba", "Qinghe"]),
    ("The Lize Expressway will open in 2026. Its northern section will cost 2 billion yuan.", "investment", [(2e9, None)]),
])
def test_an_unnamed_section_of_a_route_gives_its_values_to_the_route(extract, text, slot, expected):
    recs = [r for r in extract(text) if r.kind == "project"]
    assert len(recs) == 1 and values(recs[0], slot) == expected




@pytest.mark.parametrize("text,name", [
    ("Lize Pharma will put about 4 billion yuan into an expansion of its existing production site in Xiba. The "
     "expansion project will be completed in 2027.", "expansion of its existing production site in Xiba"),
    ("Lize Motors plans an upgrade of its Qinghe assembly plant. The upgrade will be completed in 2027.",
     "upgrade of its Qinghe assembly plant"),
])
def test_an_owners_indefinite_works_is_a_project(extract, text, name):
    recs = by_name(extract(text))
    assert values(recs[name], "completion") == [("2027", None)]
