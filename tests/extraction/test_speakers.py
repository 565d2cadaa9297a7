"""Speaker resolution: pronouns, anonymous sources and the gazetteer."""

from __future__ import annotations

from quotes.extraction import Gazetteer, extract

GAZ = Gazetteer(
    people={"joe-biden": ["Joe Biden"], "benjamin-netanyahu": ["Benjamin Netanyahu"]},
    organizations={"hamas": ["Hamas"], "idf": ["Israeli military"]},
)


def test_gazetteer_resolves_full_name_surname_and_title():
    assert GAZ.resolve_person("President Joe Biden") == "joe-biden"
    assert GAZ.resolve_person("Mr. Biden") == "joe-biden"
    assert GAZ.resolve_person("Prime Minister Netanyahu") == "benjamin-netanyahu"
    assert GAZ.resolve_person("a senior Hamas official") is None


def test_gazetteer_resolves_organizations_inside_descriptions():
    assert GAZ.resolve_organization("a senior Hamas official") == "hamas"
    assert GAZ.resolve_organization("the Israeli military") == "idf"


def test_shared_surname_is_not_resolved_alone():
    gaz = Gazetteer(people={"a": ["Ann Smith"], "b": ["Bob Smith"]})
    assert gaz.resolve_person("Ms. Smith") is None
    assert gaz.resolve_person("Bob Smith") == "b"


def test_anonymous_source_with_organization():
    (c,) = extract("A senior Hamas official said Israel must stop the war first.", gazetteer=GAZ)
    assert c.is_anonymous
    assert c.organization_key == "hamas"
    assert c.person_key is None


def test_official_familiar_with_the_talks_is_anonymous():
    (c,) = extract("Proposals are on the table, said an official familiar with the talks.")
    assert c.source_text == "an official familiar with the talks"
    assert c.is_anonymous


def test_named_speaker_is_not_anonymous():
    (c,) = extract("“We will win,” Prime Minister Benjamin Netanyahu said.", gazetteer=GAZ)
    assert (c.person_key, c.is_anonymous) == ("benjamin-netanyahu", False)


def test_pronoun_resolves_to_most_recent_speaker():
    text = "“We are close,” Joe Biden said on Monday.\n\nHe added that a deal could come soon."
    _first, second = extract(text, gazetteer=GAZ)
    assert second.source_text == "He"
    assert second.person_key == "joe-biden"


def test_pronoun_resolves_to_most_recent_gazetteer_mention():
    text = "On Tuesday, President Joe Biden expressed cautious hopes. He said, “We are pushing.”"
    # 'expressed cautious hopes' is an attribution of its own; the quotation is the one here
    (c,) = [c for c in extract(text, gazetteer=GAZ) if c.kind == "direct"]
    assert (c.source_text, c.person_key) == ("He", "joe-biden")


def test_the_official_resolves_to_previous_anonymous_official():
    text = (
        "Israel started the talks, said a second Hamas official.\n\n"
        "Civilians could be released in a truce, the official said."
    )
    _first, second = extract(text, gazetteer=GAZ)
    assert second.source_text == "the official"
    assert second.is_anonymous
    assert second.organization_key == "hamas"


def test_time_expression_is_not_a_source():
    found = extract("Last year only 32 percent of voters opposed the tax, a new survey showed.")
    assert all(c.source_text != "Last year only 32 percent of voters" for c in found)


def test_noun_phrase_with_a_relative_clause_is_not_a_source():
    text = "The mayor is a critic, organizer and rival who has repeatedly pledged to cut the tax."
    assert all("who" not in c.source_text for c in extract(text))


def test_share_of_a_poll_is_a_source():
    (c,) = extract("In each state, about half of voters say they prefer an outsider.")
    assert (c.source_text, c.text) == ("about half of voters", "they prefer an outsider")


def test_topic_after_about_is_no_source_of_the_quotation_before_it():
    text = "“We are thrilled” about the new budget, said Ana Ruiz, head of the nurses’ union."
    (c,) = extract(text)
    assert (c.kind, c.source_text) == ("direct", "Ana Ruiz")
    assert c.text == "“We are thrilled” about the new budget"


def test_source_starts_after_a_colon():
    (c,) = extract("On social issues they lean left: 42% say they are liberal.")
    assert (c.source_text, c.text) == ("42%", "they are liberal")


def test_time_or_occasion_between_speaker_and_cue_is_not_part_of_the_speaker():
    (c,) = extract("The harbor master on Tuesday evening said the ferry would not sail.")
    assert (c.source_text, c.text) == ("The harbor master", "the ferry would not sail")
    (c,) = extract("The mayor in a statement said the bridge would reopen.")
    assert (c.source_text, c.text) == ("The mayor", "the bridge would reopen")


def test_name_with_an_apposition_holding_a_place_is_the_speaker():
    text = "Ana Ruiz, a nurse from Austin, Texas, said the clinic was short of staff."
    (c,) = extract(text)
    assert (c.source_text, c.text) == (
        "Ana Ruiz, a nurse from Austin, Texas",
        "the clinic was short of staff",
    )


def test_source_may_hold_a_participle_with_its_agent_or_date():
    (c,) = extract("A survey conducted by the county found that most wells were dry.")
    assert (c.source_text, c.text) == ("A survey conducted by the county", "most wells were dry")
    (c,) = extract("The audit released Monday showed the fund had lost money.")
    assert (c.source_text, c.text) == ("The audit released Monday", "the fund had lost money")


def test_past_participle_after_an_article_is_an_adjective_of_the_source():
    (c,) = extract("A leaked draft of the plan said the base would close.")
    assert (c.source_text, c.text) == ("A leaked draft of the plan", "the base would close")


def test_source_with_an_apposition_after_the_content():
    text = "The clinic will close in June, its director, Ana Ruiz, said on Monday."
    (c,) = extract(text)
    assert (c.source_text, c.text) == ("its director, Ana Ruiz", "The clinic will close in June")


def test_noun_phrase_after_told_is_the_audience_not_the_source():
    text = "The clinic will close in June, its director, Ana Ruiz, told reporters."
    (c,) = extract(text)
    assert (c.source_text, c.cue) == ("its director, Ana Ruiz", "told")


def test_source_with_an_aside_between_dashes():
    text = "Some economists - including two former officials - warn that rates will rise."
    (c,) = extract(text)
    assert (c.source_text, c.text) == (
        "Some economists - including two former officials",
        "rates will rise",
    )


def test_source_before_a_whose_clause():
    text = "The farmers whose wells have run dry say the county ignored them."
    (c,) = extract(text)
    assert (c.source_text, c.text) == ("The farmers", "the county ignored them")


def test_source_may_hold_a_participle_with_whom_it_was_done_for():
    (c,) = extract("A study conducted for the union found that wages fell last year.")
    assert (c.source_text, c.text) == ("A study conducted for the union", "wages fell last year")


def test_negated_participle_in_a_source_is_an_adjective():
    found = extract("“The map is a mess,” said one unaligned county strategist.")
    assert [(c.text, c.source_text) for c in found] == [
        ("The map is a mess,", "one unaligned county strategist")
    ]


def test_quotation_after_a_relative_clause_cue_is_the_antecedents():
    found = extract("The fans cheered Ana Ruiz, who tweeted, “We won the cup!”")
    assert [(c.kind, c.text, c.source_text) for c in found] == [
        ("direct", "We won the cup!", "Ana Ruiz")
    ]


def test_attribution_after_a_colon_quotation_outranks_the_clause_before_the_colon():
    text = "The mayor defended the budget: “We cannot cut the libraries,” her aide said."
    found = extract(text)
    direct = [(c.text, c.source_text, c.cue) for c in found if c.kind == "direct"]
    assert direct == [("We cannot cut the libraries,", "her aide", "said")]


def test_subject_is_the_main_clause_after_an_adverbial_lead():
    text = "Back in March, the mayor criticized the budget, saying, “We cannot afford this.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("We cannot afford this.", "the mayor")]


def test_adverbial_lead_ending_in_later_is_not_the_speaker_nor_content():
    text = "Hours later, the coach posted a message saying, “see you next season.”"
    found = [(c.kind, c.text, c.source_text) for c in extract(text)]
    assert found == [("direct", "see you next season.", "the coach")]


def test_apposition_after_a_name_keeps_the_name_as_subject():
    text = "Ana Ruiz, a nurse from Ohio, criticized the plan, saying, “It is bad.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("It is bad.", "Ana Ruiz")]


def test_subject_after_a_subordinate_clause_is_the_main_clauses():
    text = "As the band played on, the retired captain turned to his crew: “We made it.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("We made it.", "the retired captain")]


def test_source_of_a_cue_in_a_subordinate_clause_is_its_subject():
    text = "The vote went ahead as two senators repeated their support for the deal, ending a week."
    (c,) = extract(text)
    assert (c.source_text, c.text) == ("two senators", "their support for the deal")
    (c,) = extract("Ana Ruiz as well as Tom Chen said the plan would work.")
    assert c.source_text == "Ana Ruiz as well as Tom Chen"


def test_name_after_said_of_is_the_topic_not_the_speaker():
    text = "Tom Baker, an old friend of Mr. Lund, said of Mr. Lund: “He never missed a shift.”"
    direct = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert direct == [("He never missed a shift.", "Tom Baker, an old friend of Mr. Lund", "said")]


def test_long_prepositional_lead_is_not_the_subject():
    text = (
        "At the packed town hall meeting in the old mill district on the north side of Easton, "
        "the mayor turned to her critics: “Show me a better budget.”"
    )
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("Show me a better budget.", "the mayor")]


def test_dateline_opening_the_article_is_not_the_speaker():
    text = "BOSTON, Jan. 4 (AP) — The mayor rallied her staff, saying: “We can fix this.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("We can fix this.", "The mayor")]


def test_connective_before_a_comma_is_not_the_speaker():
    text = "Similarly, a report from the city auditor had this to say: “The fund is empty.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("The fund is empty.", "a report from the city auditor")]


def test_absolute_with_clause_names_its_own_speaker():
    text = (
        "At a game in Dayton, Ohio, fans booed the referee, "
        "with the coach reportedly yelling: “Open your eyes!”"
    )
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("Open your eyes!", "the coach")]


def test_to_which_clause_credits_its_own_subject():
    text = (
        "The mayor said the budget was balanced, to which Ana Ruiz retorted: “Check the numbers.”"
    )
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("Check the numbers.", "Ana Ruiz")]


def test_plural_before_but_is_no_subject_of_the_verb_after_it():
    text = "Ruiz said the club will still meet for drinks and speakers, but said, “It is time.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("It is time.", "Ruiz")]


def test_quantity_is_a_source():
    found = [
        c.source_text
        for c in extract("But at least a dozen lawmakers said the mayor will run again.")
    ]
    assert found == ["at least a dozen lawmakers"]


def test_relative_clause_with_its_own_predicate_leaves_the_cue_to_the_main_clause():
    text = "Two officials who spoke with the newspaper said the plan had collapsed."
    found = [(c.text, c.source_text) for c in extract(text)]
    assert found == [
        ("the plan had collapsed", "Two officials who spoke with the newspaper"),
    ]


def test_source_close_to_a_pronoun_is_one_noun_phrase():
    text = "The mayor will not run again, a source close to him said."
    found = [(c.text, c.source_text) for c in extract(text)]
    assert found == [("The mayor will not run again", "a source close to him")]
