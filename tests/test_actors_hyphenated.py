"""Hyphenated names ("Kim Jong-un", "Jean-Luc Roe") and a dateline before a title."""

from __future__ import annotations


from newsgraph import analyze



def _people(text: str) -> dict[str, tuple]:
    a = analyze(text, published="2024-05-01")
    return {x.name: (x.id, tuple(m.text for m in x.mentions), x.roles)
            for x in a.actors if x.kind == "person"}


def test_a_lower_case_part_after_a_hyphen_stays_in_the_name_and_the_surname_links():
    people = _people("North Korean leader Kim Jong-un met envoys in Pyongyang on Monday. "
                     "Mr Kim said the talks were useful. Moon Jae-in and Yoon Suk-yeol spoke later.")
    assert people["Kim Jong-un"] == ("person:kim-jong-un", ("Kim Jong-un", "Mr Kim"),
                                     ("North Korean leader",))
    assert {"Moon Jae-in", "Yoon Suk-yeol"} <= set(people)


def test_a_hyphenated_given_name_starts_a_person_even_when_the_model_says_organisation():
    people = _people("Jean-Luc Picard met the French foreign minister in Paris. "
                     "Picard said the talks went well.")
    assert people["Jean-Luc Picard"][:2] == ("person:jean-luc-picard",
                                             ("Jean-Luc Picard", "Picard"))


def test_a_spaced_dash_of_a_dateline_is_no_part_of_a_title():
    people = _people("Xi meets Kim in Beijing\n\nBEIJING - Chinese President Xi Jinping met "
                     "North Korean leader Kim Jong-un in Beijing on Tuesday.")
    assert people["Xi Jinping"][2] == ("Chinese President",)


def test_a_family_name_written_first_links_to_the_full_name_that_comes_later():
    people = _people("Xi meets Kim in Beijing\n\nBEIJING - Chinese President Xi Jinping met "
                     "North Korean leader Kim Jong-un in Beijing on Tuesday.")
    assert set(people) == {"Xi Jinping", "Kim Jong-un"}
    assert people["Kim Jong-un"][1] == ("Kim", "Kim Jong-un")


def test_an_office_with_elect_or_designate_is_a_role():
    people = _people("US President-elect Jane Carter met Japan's prime minister-designate, "
                     "Taro Yamada, on Monday. Defence Minister-designate Ana Petrova agreed.")
    assert people["Jane Carter"][2] == ("US President-elect",)
    assert people["Taro Yamada"][2] == ("prime minister-designate",)
    assert people["Ana Petrova"][2] == ("Defence Minister-designate",)
