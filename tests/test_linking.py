"""Linking on small hand-written snippets: each value goes where the guide says, or nowhere."""

from conftest import by_name


def values(record, slot):
    return [(v.value, v.mod) if slot != "locations" else v.text for v in getattr(record, slot)]


def test_same_sentence_values_go_to_the_project(extract):
    recs = by_name(extract(
        "The Xinhe Biomedical Industrial Park in Tongzhou District will cost 4.5 billion yuan, cover 120,000 "
        "square meters and be completed by the end of 2026."))
    park = recs["Xinhe Biomedical Industrial Park"]
    assert values(park, "investment") == [(4_500_000_000, None)]
    assert values(park, "area") == [(120_000, None)]
    assert values(park, "completion") == [("2026", "END")]
    assert values(park, "locations") == ["Tongzhou District"]


def test_back_reference_carries_values_to_the_project(extract):
    recs = by_name(extract(
        "Construction of the Yunhe Smart Logistics Hub started on Monday. The project has a total investment "
        "of about 2.1 billion yuan. It is expected to be put into operation in June 2027."))
    hub = recs["Yunhe Smart Logistics Hub"]
    assert values(hub, "investment") == [(2_100_000_000, "APPROX")]
    assert values(hub, "completion") == [("2027-06", None)]


def test_start_date_is_not_completion(extract):
    recs = by_name(extract("The Qinghe Sports Center broke ground in March 2024 and will open to the public in 2026."))
    assert values(recs["Qinghe Sports Center"], "completion") == [("2026", None)]


def test_output_value_and_revenue_are_not_investment(extract):
    recs = by_name(extract(
        "The Fengtai Robotics Park will attract 100 companies with an output value exceeding 20 billion yuan. "
        "The park has a total investment of 3 billion yuan."))
    assert values(recs["Fengtai Robotics Park"], "investment") == [(3_000_000_000, None)]


def test_per_unit_area_is_not_the_project_area(extract):
    recs = by_name(extract(
        "The Nanyuan Talent Apartment Complex includes three towers, each with an area of 20,000 square meters."))
    assert values(recs["Nanyuan Talent Apartment Complex"], "area") == []


def test_group_with_members_takes_the_total(extract):
    recs = extract(
        "The district started 12 infrastructure projects including the Beiyuan Road Bridge and the Xiji Water "
        "Plant, with a total investment of 6.6 billion yuan.")
    group = next(r for r in recs if r.kind == "project_group")
    assert group.count == 12 and values(group, "investment") == [(6_600_000_000, None)]
    assert set(group.members) == {"Beiyuan Road Bridge", "Xiji Water Plant"}
    projects = [r for r in recs if r.kind == "project"]
    assert {r.name.text for r in projects} == {"Beiyuan Road Bridge", "Xiji Water Plant"}
    assert all(not r.investment for r in projects)


def test_city_total_computing_power_goes_nowhere(extract):
    recs = extract(
        "The city's total computing power passed 30,000 P this year. The Yizhuang Intelligent Computing Center "
        "has a capacity of 1,000P.")
    assert [(r.name.text, values(r, "computing_power")) for r in recs] == [
        ("Yizhuang Intelligent Computing Center", [(1000, None)])]


def test_counts_of_other_things_are_not_groups(extract):
    recs = extract("The district will renovate 100 old residential communities and bring in 200 companies.")
    assert [r for r in recs if r.kind == "project_group"] == []


def test_group_mentions_merge_across_sentences(extract):
    recs = extract(
        "Beijing will push forward 300 municipal key projects this year. The 300 projects carry a total "
        "investment of 1.2 trillion yuan.")
    groups = [r for r in recs if r.kind == "project_group"]
    assert len(groups) == 1 and values(groups[0], "investment") == [(1_200_000_000_000, None)]


def test_section_heading_names_the_project(extract):
    text = ("Key projects:\n\nShahe Data Center Phase II\n- Location: Shahe Town, Changping District\n"
            "- Area: 30,000 sqm\n- Total investment: 1.1 billion yuan\n- Construction period: May 2024-June 2026\n")
    recs = by_name(extract(text))
    dc = recs["Shahe Data Center Phase II"]
    assert values(dc, "area") == [(30_000, None)]
    assert values(dc, "investment") == [(1_100_000_000, None)]
    assert values(dc, "completion") == [("2026-06", None)]
    assert values(dc, "locations") == ["Shahe Town", "Changping District"]


def test_values_of_another_subject_in_a_section_go_nowhere(extract):
    text = ("Huilongguan Sports Park\n\nThe Huilongguan Sports Park is under construction.\n"
            "The northern district will release eight office buildings of 600,000 square meters in the future.\n")
    recs = by_name(extract(text))
    assert values(recs["Huilongguan Sports Park"], "area") == []


def test_acronym_mentions_link_to_the_full_name(extract):
    recs = by_name(extract(
        "The Circular Electron Positron Collider is planned in Huairou. Work on the CEPC will cost 36 billion yuan."))
    assert values(recs["Circular Electron Positron Collider"], "investment") == [(36_000_000_000, None)]


def test_phase_names_are_separate_records(extract):
    recs = by_name(extract(
        "The Jinqiao Industrial Park has opened, and Jinqiao Industrial Park Phase II will be completed in 2027."))
    assert "Jinqiao Industrial Park" in recs and "Jinqiao Industrial Park Phase II" in recs
    assert values(recs["Jinqiao Industrial Park Phase II"], "completion") == [("2027", None)]


def test_city_is_not_a_location(extract):
    recs = by_name(extract("The Tianjin Port Logistics Park in Tianjin will be delivered in 2025."))
    assert values(recs["Tianjin Port Logistics Park"], "locations") == []


def test_every_value_is_grounded(extract):
    text = ("The Xinhe Biomedical Industrial Park in Tongzhou District will cost 4.5 billion yuan ($0.6 billion). "
            "It will be completed by the end of next year.")
    for r in extract(text):
        for _, ev in r.evidence():
            assert text[ev.start : ev.end] == ev.text


def test_scheduled_to_open_is_completion_but_opening_up_is_not(extract):
    recs = by_name(extract(
        "The Chaoyang Hospital Eastern Campus covers 95,000 square meters and is scheduled to open in 2028. "
        "The Dongba Trade Center will open up to foreign firms in 2026."))
    assert values(recs["Chaoyang Hospital Eastern Campus"], "completion") == [("2028", None)]
    assert values(recs["Dongba Trade Center"], "completion") == []


def test_headline_verb_is_not_part_of_a_name(extract):
    recs = extract("Shanghai's Lingang opens new semiconductor base\n\nThe Lingang Integrated Circuit Industrial "
                   "Base was completed in August 2023.")
    assert [r.name.text for r in recs] == ["Lingang Integrated Circuit Industrial Base"]


def test_a_place_frame_covers_every_project_of_the_sentence(extract):
    recs = by_name(extract(
        "In Tongzhou District, the Beijing Sub-center Library and the Grand Canal Museum have been completed, "
        "while the Sub-center Station Hub, a large facility, is under way."))
    for name in ("Beijing Sub-center Library", "Grand Canal Museum", "Sub-center Station Hub"):
        assert values(recs[name], "locations") == ["Tongzhou District"], name
    assert "large facility" not in recs


def test_completing_an_amount_of_investment_is_no_completion_date(extract):
    recs = by_name(extract(
        "The Xinhe Biomedical Industrial Park was first planned in 2019, when it planned to complete "
        "RMB 928.7 billion of investment within that year."))
    assert values(recs["Xinhe Biomedical Industrial Park"], "completion") == []
