"""Indirect speech and attributed claims."""

from __future__ import annotations

import pytest

from quotes.extraction import extract
from quotes.extraction.cues import CUE_VERBS


def test_cue_verbs_are_documented_in_one_constant():
    for verb in (
        "said",
        "vowed",
        "warned",
        "insisted",
        "denied",
        "acknowledged",
        "added",
        "argued",
        "claimed",
        "noted",
        "stated",
        "announced",
        "wrote",
        "tweeted",
    ):
        assert verb in CUE_VERBS


def test_speaker_said_that_content():
    text = "The mayor said that the bridge would reopen in March."
    (c,) = extract(text)
    assert c.kind == "paraphrase"
    assert (c.text, c.source_text, c.cue) == (
        "the bridge would reopen in March",
        "The mayor",
        "said",
    )


def test_that_opening_the_content_is_left_out_as_curators_enter_it():
    found = extract("The coach told the players on Friday that the season was over.")
    assert [(c.cue, c.text) for c in found] == [("told", "the season was over")]
    (c,) = extract("The club argued in a long letter that the fees were too high.")
    assert c.text == "the fees were too high"


def test_aside_between_the_cue_and_its_that_is_no_content():
    (c,) = extract("The club argued, in a long letter to the league, that the fees were too high.")
    assert c.text == "the fees were too high"
    (c,) = extract("Ruiz said during a town hall in Troy, Ohio, that the plant would stay open.")
    assert c.text == "the plant would stay open"


def test_speaker_said_without_that():
    (c,) = extract("A senior Hamas official said Israel would need to abide by a cease-fire.")
    assert c.text == "Israel would need to abide by a cease-fire"
    assert c.source_text == "A senior Hamas official"


def test_content_then_speaker_said():
    (c,) = extract("The remaining civilians could be released in a truce, the official said.")
    assert (c.kind, c.text, c.source_text) == (
        "paraphrase",
        "The remaining civilians could be released in a truce",
        "the official",
    )


def test_content_then_inverted_said_speaker():
    (c,) = extract("Israel initiated the current round of talks, said a second Hamas official.")
    assert c.text == "Israel initiated the current round of talks"
    assert c.source_text == "a second Hamas official"


def test_according_to_at_the_end_is_a_claim():
    (c,) = extract("The war has killed about 20,000 people, according to Gaza health authorities.")
    assert (c.kind, c.cue) == ("claim", "according to")
    assert c.text == "The war has killed about 20,000 people"
    assert c.source_text == "Gaza health authorities"


def test_according_to_at_the_start_is_a_claim():
    (c,) = extract("According to the police, three people were arrested overnight.")
    assert (c.kind, c.text, c.source_text) == (
        "claim",
        "three people were arrested overnight",
        "the police",
    )


def test_told_reporters_skips_the_audience():
    (c,) = extract("The senator told reporters that the vote would be delayed until Friday.")
    assert (c.cue, c.text, c.source_text) == (
        "told",
        "the vote would be delayed until Friday",
        "The senator",
    )


def test_vowed_takes_an_infinitive_content():
    (c,) = extract("Netanyahu vowed to keep fighting until Hamas is destroyed.")
    assert (c.cue, c.text, c.source_text) == (
        "vowed",
        "to keep fighting until Hamas is destroyed",
        "Netanyahu",
    )


def test_modifier_between_speaker_and_cue():
    (c,) = extract("Israeli officials have repeatedly warned that the fighting could last months.")
    assert (c.cue, c.source_text) == ("warned", "Israeli officials")


def test_now_called_after_a_comma_names_a_place_and_is_no_cue():
    assert extract("The resort, now called Palm Links, was sold in May.") == []


def test_lead_before_a_quotation_attributed_after_it_stays_reported_content():
    (c,) = extract("In this election, “money will not buy attention,” said Ana Ruiz, a strategist.")
    assert (c.kind, c.text, c.source_text) == (
        "paraphrase",
        "In this election, “money will not buy attention",
        "Ana Ruiz",
    )


def test_source_after_according_to_keeps_such_as_and_as_well_as():
    (c,) = extract("The plan will fail, according to experts such as Ana Ruiz.")
    assert c.source_text == "experts such as Ana Ruiz"
    (c,) = extract("The plan will fail, according to Ana Ruiz as well as Tom Lee.")
    assert c.source_text == "Ana Ruiz as well as Tom Lee"


def test_sentence_without_cue_gives_nothing():
    assert extract("Convoys of trucks bearing aid trickle into Gaza on a daily basis.") == []


def test_clause_before_cue_is_not_taken_as_a_source():
    found = extract("Netanyahu met with the families of hostages and pledged to bring them home.")
    assert all(c.source_text != "Netanyahu met with the families of hostages and" for c in found)


def test_participle_clause_is_attributed_to_the_subject():
    (c,) = extract("The governor vetoed the bill, saying that it would raise taxes on families.")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "paraphrase",
        "it would raise taxes on families",
        "The governor",
        "saying",
    )


def test_two_coordinated_attributions_in_one_sentence():
    found = extract(
        "The senator said the bill was dead, but she also warned that a new one could pass."
    )
    assert [(c.text, c.source_text, c.cue) for c in found] == [
        ("the bill was dead", "The senator", "said"),
        ("a new one could pass", "she", "warned"),
    ]


def test_coordinated_cue_without_subject_keeps_the_speaker():
    found = extract("Spicer said the party was not in a crisis, and urged calm among delegates.")
    assert [(c.text, c.source_text, c.cue) for c in found] == [
        ("the party was not in a crisis", "Spicer", "said"),
        ("calm among delegates", "Spicer", "urged"),
    ]


def test_called_takes_a_short_object_content():
    (c,) = extract("Former Florida Gov. Jeb Bush called Trump “unhinged.”")
    assert (c.kind, c.cue, c.source_text) == (
        "paraphrase",
        "called",
        "Former Florida Gov. Jeb Bush",
    )
    assert c.text.startswith("Trump “unhinged")


def test_accused_takes_its_object_as_content():
    (c,) = extract("Sen. Bernie Sanders accused her of making racist remarks in the 1990s.")
    assert (c.cue, c.text) == ("accused", "her of making racist remarks in the 1990s")


def test_that_after_a_prepositional_phrase_starts_the_content():
    (c,) = extract(
        "Sanders said on ABC’s “This Week” that he would take a look at the legislation."
    )
    assert c.text == "he would take a look at the legislation"


def test_relative_clause_inside_a_quotation_stays_content():
    (c,) = extract("Ruiz said the deal was “a disaster for the county, which we will undo in May.”")
    assert c.text == "the deal was “a disaster for the county, which we will undo in May.”"


def test_anonymity_after_a_mid_sentence_attribution_is_no_content():
    found = extract(
        "The plan is dead, one aide said, on condition of anonymity because of the talks."
    )
    assert [c.text for c in found] == ["The plan is dead"]


def test_closing_interview_is_not_content():
    (c,) = extract("Ruiz said the plan would fail in an interview with the local paper.")
    assert c.text == "the plan would fail"
    (c,) = extract("The senator wrote that the vote was rigged on Twitter.")
    assert c.text == "the vote was rigged"


def test_trailing_according_to_is_not_the_participle_content():
    text = "The firm sued him, alleging that he leaked the memo, according to a court filing."
    (c,) = extract(text)
    assert (c.cue, c.text) == ("alleging", "he leaked the memo")


def test_trailing_apposition_is_not_content():
    (c,) = extract("The mayor said the city would cut fares, a move that angered the unions.")
    assert c.text == "the city would cut fares"


def test_according_to_in_the_middle_gives_the_clause_after_it():
    (c,) = extract("Osman, according to his brother, is believed to have been on the flight.")
    assert (c.kind, c.text, c.source_text) == (
        "claim",
        "is believed to have been on the flight",
        "his brother",
    )


def test_relative_clause_after_the_source_is_skipped():
    (c,) = extract(
        "Hawkins and others who want to ban abortion said the ruling sharpens the choice."
    )
    assert (c.source_text, c.text) == ("Hawkins and others", "the ruling sharpens the choice")


def test_plural_role_noun_without_determiner_is_a_source():
    (c,) = extract("But aides said the president believed in airing differences.")
    assert (c.source_text, c.text) == ("aides", "the president believed in airing differences")


def test_headline_name_colon_is_an_attribution():
    (c,) = extract("Rubio: I’m Not Interested In Being Vice President")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "paraphrase",
        "I’m Not Interested In Being Vice President",
        "Rubio",
        ":",
    )


def test_short_name_colon_subhead_in_the_body_is_not_an_attribution():
    text = (
        "What each candidate needs on Tuesday\n\n"
        "Ruiz: Win big.\n\n"
        "The mayor has led every poll in the county this year.\n\n"
        "HOST: Why not debate?\n\n"
        "RUIZ: Because we are busy.\n"
    )
    found = [(c.source_text, c.text) for c in extract(text)]
    assert found == [("HOST", "Why not debate?"), ("RUIZ", "Because we are busy")]


def test_label_colon_is_not_an_attribution():
    assert extract("Editor’s Note: This story has been updated.") == []


def test_semicolon_separates_the_source_from_the_clause_before():
    found = extract("Nine of 10 voters were worried about the economy; most said jobs were scarce.")
    assert [(c.source_text, c.text) for c in found] == [("most", "jobs were scarce")]


def test_name_before_a_relative_apposition_is_the_source():
    text = (
        "It was years ago that Michael Bloomberg, who is thinking of running, said it was hopeless."
    )
    (c,) = extract(text)
    assert c.source_text.startswith("Michael Bloomberg")
    assert c.text == "it was hopeless"


def test_role_noun_followed_by_to_is_a_source():
    (c,) = extract("Aides to Clinton say she is shifting her tack toward Sanders.")
    assert (c.source_text, c.is_anonymous) == ("Aides to Clinton", True)


def test_second_predicate_cue_takes_the_subject():
    (c,) = extract(
        "The Arizona Republican survived a prison camp and says such techniques are wrong."
    )
    assert (c.source_text, c.cue, c.text) == (
        "The Arizona Republican",
        "says",
        "such techniques are wrong",
    )


def test_plural_profession_is_an_anonymous_source():
    (c,) = extract("But attorneys and legal experts said a conviction is highly unlikely.")
    assert (c.source_text, c.is_anonymous) == ("attorneys and legal experts", True)


def test_comma_and_new_speaker_ends_the_first_content():
    text = (
        "Clinton pledged to work with both parties, Sanders insisted that change needs a shake-up."
    )
    found = extract(text)
    assert [(c.source_text, c.text) for c in found] == [
        ("Clinton", "to work with both parties"),
        ("Sanders", "change needs a shake-up"),
    ]


def test_implying_participle_splits_the_sentence():
    found = extract("He criticized the plan, implying that the mayor had been misled by his staff.")
    assert [(c.cue, c.text) for c in found] == [
        ("criticized", "the plan"),
        ("implying", "the mayor had been misled by his staff"),
    ]


def test_in_a_poll_comma_is_a_claim_and_keeps_inner_attributions():
    text = "In a new Marist poll, 75 percent of Republicans said politicians cannot be trusted."
    found = extract(text)
    assert [(c.kind, c.cue, c.source_text, c.text) for c in found] == [
        (
            "claim",
            "In",
            "a new Marist poll",
            "75 percent of Republicans said politicians cannot be trusted",
        ),
        ("paraphrase", "said", "75 percent of Republicans", "politicians cannot be trusted"),
    ]


def test_declined_takes_its_short_complement():
    (c,) = extract("The senator declined to comment.")
    assert (c.cue, c.text, c.source_text) == ("declined", "to comment", "The senator")


def test_according_to_a_newspaper_whose_name_ends_in_times():
    (c,) = extract("The plant closed in 2015, according to The Seattle Times.")
    assert (c.kind, c.text, c.source_text) == (
        "claim",
        "The plant closed in 2015",
        "The Seattle Times",
    )


def test_according_to_a_lower_case_source():
    (c,) = extract("The turnout rose by a third, according to early returns.")
    assert (c.kind, c.source_text) == ("claim", "early returns")


def test_mid_sentence_attribution_keeps_the_content_on_both_sides():
    found = extract("The new vote count, she said, was a warning to the council.")
    assert [c.text for c in found] == ["The new vote count", "was a warning to the council"]
    assert len({(c.source_start, c.cue_start) for c in found}) == 1


def test_relative_clause_with_a_cue_is_attributed_to_its_noun_phrase():
    text = "The vote was delayed, said Ana Ruiz, who predicted a long fight over the budget."
    found = extract(text)
    assert [(c.cue, c.source_text, c.text) for c in found] == [
        ("said", "Ana Ruiz", "The vote was delayed"),
        ("predicted", "Ana Ruiz", "a long fight over the budget"),
    ]


def test_subject_with_apposition_is_not_read_as_an_inverted_attribution():
    text = "Ana Ruiz, the city treasurer, said having Mayor Lee in office would protect the city."
    (c,) = extract(text)
    assert (c.source_text, c.text) == (
        "Ana Ruiz, the city treasurer",
        "having Mayor Lee in office would protect the city",
    )


def test_participle_clause_right_after_a_closing_quotation():
    text = "He praised the plan as “a real step forward,” arguing that costs would fall."
    assert [(c.cue, c.text) for c in extract(text)][-1] == ("arguing", "costs would fall")


def test_quotation_closing_between_the_comma_and_an_inverted_cue():
    (c,) = extract("Mr. Lee was not one for “long meetings with no agenda,” said a former aide.")
    assert (c.source_text, c.text) == (
        "a former aide",
        "Mr. Lee was not one for “long meetings with no agenda",
    )


def test_lower_case_modifier_before_a_role_noun_is_a_source():
    (c,) = extract("The budget will be balanced, political experts said.")
    assert (c.source_text, c.text) == ("political experts", "The budget will be balanced")


def test_more_than_half_of_a_group_is_a_source():
    (c,) = extract("More than half of the residents said the park should stay open.")
    assert c.source_text == "More than half of the residents"


def test_headline_says():
    (c,) = extract("Mayor Says Bridge Will Reopen In March")
    assert (c.source_text, c.cue, c.text) == ("Mayor", "Says", "Bridge Will Reopen In March")


def test_stance_cue_with_a_preposition_takes_its_object():
    (c,) = extract("The senator talked about the new tax on sugar.")
    assert (c.cue, c.text) == ("talked about", "the new tax on sugar")


def test_cue_word_ending_a_compound_is_not_a_cue():
    (c,) = extract("The self-described moderate said the tax plan would fail.")
    assert (c.source_text, c.cue) == ("The self-described moderate", "said")


def test_cue_inside_a_quotation_does_not_attribute_the_sentence():
    (c,) = extract("The mayor said on Friday that the plan “is, we believe, a mistake.”")
    assert (c.source_text, c.cue) == ("The mayor", "said")


def test_relative_clause_on_the_last_noun_is_not_content():
    (c,) = extract("Ana Ruiz said the delay helped the mayor, who had asked for more time.")
    assert c.text == "the delay helped the mayor"


def test_according_to_after_a_closing_quotation():
    found = extract("The mayor said the plan was “what voters want,” according to two aides.")
    assert [(c.kind, c.source_text) for c in found] == [("claim", "two aides")]


def test_relative_pronoun_is_not_a_source_of_the_main_clause():
    found = extract("Ana Ruiz, who opposed the tax, said the plan would fail.")
    assert [(c.cue, c.source_text, c.text) for c in found] == [
        ("opposed", "Ana Ruiz", "the tax"),
        ("said", "Ana Ruiz, who opposed the tax", "the plan would fail"),
    ]


def test_continued_only_attributes_quotations():
    assert extract("The mayor continued his attack on the new budget plan.") == []
    (c,) = extract("“We will rebuild,” the mayor continued.")
    assert (c.kind, c.cue) == ("direct", "continued")


def test_answered_and_beamed_only_attribute_quotations():
    assert extract("The senator answered questions from reporters for an hour.") == []
    assert extract("The coach beamed a wide smile at the fans after the game.") == []
    (c,) = extract("“We will rebuild,” the mayor answered.")
    assert (c.kind, c.cue) == ("direct", "answered")


def test_section_labels_before_a_colon_are_not_speakers():
    for text in (
        "Contributing: Ana Ruiz and Tom Lee",
        "BREAKING: Mayor Resigns After Budget Vote",
        "Q: Will you run again next year?",
        "The Latest: Council votes on the new budget",
    ):
        assert extract(text) == [], text


def test_relative_clause_with_its_own_subject_and_cue():
    text = "The council cut the bus budget, which critics say will hurt the poorest riders."
    (c,) = extract(text)
    assert (c.source_text, c.cue, c.text) == ("critics", "say", "will hurt the poorest riders")


def test_introductory_phrase_before_the_speaker_is_not_content():
    (c,) = extract("Through a spokesman, the governor declared the need for patience and resolve.")
    assert (c.source_text, c.cue, c.text) == (
        "the governor",
        "declared",
        "the need for patience and resolve",
    )
    # around a mid-sentence attribution it is the first half of the content
    text = "After two quiet years, the agency said, deficits will go up sharply."
    assert [c.text for c in extract(text)] == [
        "After two quiet years",
        "deficits will go up sharply",
    ]


def test_speaker_inside_a_larger_clause():
    (c,) = extract("That is why critics say the plan will fail.")
    assert (c.source_text, c.cue, c.text) == ("critics", "say", "the plan will fail")


def test_source_with_a_to_phrase():
    (c,) = extract("The head of the delegation to the summit said the talks had stalled.")
    assert c.source_text == "The head of the delegation to the summit"
    assert c.text == "the talks had stalled"


def test_apposition_after_according_to_is_not_content():
    found = extract(
        "The plant will close in May, according to the union, the largest in the state."
    )
    assert [(c.kind, c.text) for c in found] == [("claim", "The plant will close in May")]


def test_intention_with_to_is_content():
    found = extract("The mayor wants to rebuild the old bridge. The senator plans to run again.")
    assert [(c.source_text, c.cue, c.text) for c in found] == [
        ("The mayor", "wants", "to rebuild the old bridge"),
        ("The senator", "plans", "to run again"),
    ]


def test_coordinated_participles_each_give_an_attribution():
    text = "She defended the coach, saying he was a pioneer and calling him “a true leader.”"
    found = [c for c in extract(text) if c.cue in ("saying", "calling")]
    assert [(c.cue, c.text) for c in found] == [
        ("saying", "he was a pioneer"),
        ("calling", "him “a true leader.”"),
    ]


def test_absolute_with_clause_has_its_own_source():
    (c,) = extract("The race tightened, with most voters saying they had not decided.")
    assert (c.source_text, c.cue, c.text) == ("most voters", "saying", "they had not decided")


def test_participle_clause_after_a_direct_quote():
    text = "“Nobody cares about the money,” the aide said, adding that small donors may balk."
    found = extract(text)
    assert [(c.kind, c.cue, c.source_text, c.text) for c in found] == [
        ("direct", "said", "the aide", "Nobody cares about the money,"),
        ("paraphrase", "adding", "the aide", "small donors may balk"),
    ]


def test_coordinated_cue_after_a_direct_quote():
    text = "“Nobody cares about the money,” the aide said, but added that small donors may balk."
    found = [c for c in extract(text) if c.kind == "paraphrase"]
    assert [(c.cue, c.source_text, c.text) for c in found] == [
        ("added", "the aide", "small donors may balk")
    ]


def test_second_that_clause_continues_the_content():
    text = "The senator said the plan was flawed and that she expects the governor to veto it."
    (c,) = extract(text)
    assert c.text == "the plan was flawed and that she expects the governor to veto it"


def test_predicate_after_comma_and_stays_in_the_content():
    (c,) = extract("He said the mayor had a fund when he ran, and took millions from donors.")
    assert c.text == "the mayor had a fund when he ran, and took millions from donors"


def test_coordinated_cue_with_a_modifier_takes_the_clause_subject():
    (c,) = extract("The mayor met the families and again pledged to rebuild the bridge.")
    assert (c.source_text, c.cue, c.text) == ("The mayor", "pledged", "to rebuild the bridge")


def test_pronoun_and_cue_after_a_quoted_full_stop_start_a_new_sentence():
    text = (
        "The attorney said Nunberg was “looking for free publicity.” He said Nunberg was bound "
        "by a confidentiality agreement."
    )
    first, second = extract(text)
    assert first.text == "Nunberg was “looking for free publicity.”"
    assert (second.text, second.source_text) == (
        "Nunberg was bound by a confidentiality agreement",
        "He",
    )


def test_attribution_ending_the_sentence_after_a_quoted_full_stop_stays_with_the_quote():
    text = "“We will win.” Trump said on Tuesday."
    (c,) = extract(text)
    assert (c.kind, c.text, c.source_text) == ("direct", "We will win.", "Trump")


def test_findings_and_warnings_introduce_reported_speech():
    for text, cue in (
        ("The survey indicates that voters are tired of the campaign.", "indicates"),
        ("The governor made clear that the budget would not pass.", "made clear"),
        ("Economists warn that tariffs will raise prices.", "warn"),
    ):
        (c,) = extract(text)
        assert (c.kind, c.cue) == ("paraphrase", cue), text


def test_adding_that_with_a_partial_quote_after_a_direct_quote_is_reported_speech():
    text = "“I don’t like it,” Mr. Trump said, adding that “they have anger that’s unbelievable.”"
    first, second = extract(text)
    assert (first.kind, first.cue) == ("direct", "said")
    assert (second.kind, second.source_text, second.cue) == ("paraphrase", "Mr. Trump", "adding")
    assert "they have anger" in second.text


def test_speakers_with_a_poll_participle_an_aside_or_a_closing_quotation_before_them():
    for text, source in (
        ("Again, those surveyed said Trump was best able to handle the issue.", "those surveyed"),
        (
            "Kasich (who has 25 delegates) said it is possible for him to win the nomination.",
            "Kasich (who has 25 delegates)",
        ),
        (
            "Inside the mosque - which looks like a church - Adel Nefzi said he and many others "
            "are collecting money.",
            "Adel Nefzi",
        ),
        (
            "To a question on the “privatization of public jobs,” Sanders said private "
            "contractors can be more expensive.",
            "Sanders",
        ),
    ):
        (c,) = extract(text)
        assert (c.kind, c.source_text, c.cue) == ("paraphrase", source, "said"), text


def test_stance_object_ends_before_the_subjects_next_predicate():
    (c,) = extract("The governor criticized the new budget and vetoed two spending bills.")
    assert (c.cue, c.text) == ("criticized", "the new budget")


def test_see_as_states_a_view_but_a_plain_see_does_not():
    (c,) = extract("Many farmers see the tariff as a threat to their income.")
    assert (c.cue, c.source_text, c.text) == (
        "see",
        "Many farmers",
        "the tariff as a threat to their income",
    )
    assert extract("The farmers saw the storm clouds over the hills.") == []


def test_unattributed_quotation_continues_the_reported_speech_before_it():
    text = 'Still, the clubs are "barely breaking even," the owner said. "It is a thin business."'
    head, rest = extract(text)
    assert head.text == 'Still, the clubs are "barely breaking even'
    assert (rest.text, rest.kind) == ("It is a thin business.", "direct")
    assert (rest.source_start, rest.cue_start) == (head.source_start, head.cue_start)


def test_quotation_paragraph_continues_the_reported_speech_ending_the_paragraph_before():
    text = "The council will vote in May, the mayor said.\n\n“We have waited long enough.”"
    head, rest = extract(text)
    assert head.text == "The council will vote in May"
    assert (rest.text, rest.kind) == ("We have waited long enough.", "direct")
    assert (rest.source_start, rest.cue_start) == (head.source_start, head.cue_start)


def test_stance_object_ends_before_when_the_stance_was_taken():
    (c,) = extract("The union endorsed the mayor last week.")
    assert (c.cue, c.text) == ("endorsed", "the mayor")
    (c,) = extract("The governor praised the new budget at a news conference in the capital.")
    assert (c.cue, c.text) == ("praised", "the new budget")


def test_apposition_after_a_stance_object_is_the_narrators():
    (c,) = extract("The senator railed against the pact, the trade deal the president negotiated.")
    assert (c.cue, c.text) == ("railed against", "the pact")
    (c,) = extract("Ruiz quoted Tom Chen as saying that after the vote, the council left early.")
    assert c.text == "Tom Chen as saying that after the vote, the council left early"


def test_day_with_a_possessive_stays_in_the_stance_object():
    (c,) = extract(
        "The senator described the choice the city faces in Tuesday’s vote on the budget."
    )
    assert (c.cue, c.text) == (
        "described",
        "the choice the city faces in Tuesday’s vote on the budget",
    )


def test_conjunction_after_a_dash_goes_on_with_the_content():
    (c,) = extract("Ruiz said the bridge was closed in May - before the storm hit the coast.")
    assert c.text == "the bridge was closed in May - before the storm hit the coast"
    (c,) = extract("Ruiz said the bridge will reopen - a claim her rivals mock.")
    assert c.text == "the bridge will reopen"


def test_object_of_urged_before_an_infinitive_is_content():
    (c,) = extract("The coach urged Ana Ruiz not to talk to the press.")
    assert (c.cue, c.text) == ("urged", "Ana Ruiz not to talk to the press")
    (c,) = extract("The coach asked them to stay calm.")
    assert (c.cue, c.text) == ("asked", "them to stay calm")


def test_abbreviation_before_a_pronoun_also_ends_the_sentence():
    text = "The envoy said talks resumed in the U.S. She said a deal was close."
    first, second = extract(text)
    assert (first.text, second.text) == ("talks resumed in the U.S", "a deal was close")
    assert second.source_text == "She"


def test_title_case_headline_cue():
    (c,) = extract("Retired Admiral Endorses Local School Bond.")
    assert (c.source_text, c.cue, c.text) == ("Retired Admiral", "Endorses", "Local School Bond")


def test_headline_content_ends_at_a_dash():
    (c,) = extract("Governor Revealed His Budget Plan – Nobody Expected It.")
    assert c.text == "His Budget Plan"


def test_just_between_speaker_and_cue_is_not_part_of_the_speaker():
    (c,) = extract("The Senator just said the vote would be delayed.")
    assert (c.source_text, c.text) == ("The Senator", "the vote would be delayed")


def test_no_ends_a_sentence_unless_a_number_follows():
    (c,) = extract("The senator shook her head no. She said the bill was dead.")
    assert (c.source_text, c.text) == ("She", "the bill was dead")


def test_main_clause_after_an_introductory_phrase_and_according_to_is_content():
    text = "Since last spring, according to the union, the company has cut 300 jobs."
    head, rest = extract(text)
    assert (head.text, rest.text) == ("Since last spring", "the company has cut 300 jobs")
    assert (rest.source_text, rest.cue_start) == ("the union", head.cue_start)


def test_content_resumes_with_a_conjunction_after_a_mid_sentence_attribution():
    text = "Wait until spring, the farmer said, and the prices will have doubled."
    head, rest = extract(text)
    assert (head.text, rest.text) == ("Wait until spring", "and the prices will have doubled")
    assert rest.cue_start == head.cue_start


def test_a_literal_see_does_not_stop_the_resumed_content():
    text = "The new bridge, she said, lets drivers see the whole bay."
    head, rest = extract(text)
    assert (head.text, rest.text) == ("The new bridge", "lets drivers see the whole bay")


def test_in_a_poll_with_its_date_is_a_source():
    text = "In a county survey released Monday, most residents were against the new tax."
    (c,) = extract(text)
    assert (c.kind, c.source_text, c.cue, c.text) == (
        "claim",
        "a county survey released Monday",
        "In",
        "most residents were against the new tax",
    )


def test_content_resumes_after_a_mid_sentence_attribution_with_an_audience():
    text = "The new plan for the bridge, the mayor told reporters, was dead on arrival."
    head, rest = extract(text)
    assert (head.text, rest.text) == ("The new plan for the bridge", "was dead on arrival")
    assert (head.source_text, rest.cue_start) == ("the mayor", head.cue_start)


def test_teaser_and_byline_labels_are_not_speakers():
    assert extract("Revealed: The Mayor Has A Secret Plan For The Harbor.") == []
    assert extract("BYLINE: Ana Ruiz.") == []


def test_called_with_only_a_name_names_or_phones():
    assert extract("A year later, the governor called Ana Ruiz.") == []


def test_a_name_and_an_apposition_after_shows_are_content():
    (c,) = extract("The poll shows Trump, unlike his rivals, gaining ground.")
    assert c.text == "Trump, unlike his rivals, gaining ground"


def test_cue_in_s_before_a_plural_verb_is_a_noun():
    assert extract("Local calls for a new stadium have grown louder this spring.") == []
    (c,) = extract("Ruiz calls for a stadium that voters have rejected twice.")
    assert (c.cue, c.text) == ("calls", "a stadium that voters have rejected twice")


def test_stance_noun_after_expressed_belongs_to_the_cue():
    (c,) = extract("The coach expressed deep concern about the new schedule.")
    assert (c.cue, c.text) == ("expressed", "the new schedule")


def test_cue_word_after_a_determiner_is_a_noun():
    assert extract("Fans cheered when they heard that his demands have been answered.") == []
    text = "The mayor wanted a new bridge, but those plans were dropped after the vote."
    assert extract(text) == []


def test_show_after_the_kind_of_programme_is_a_noun():
    (c,) = extract("The late-night talk show has mocked the senator for weeks.")
    assert (c.source_text, c.cue) == ("The late-night talk show", "mocked")


def test_pronoun_attribution_inside_reported_content_is_left_in_it():
    found = extract("Ruiz said the council ignored what she called a crisis in the schools.")
    assert [(c.source_text, c.cue) for c in found] == [("Ruiz", "said")]
    found = extract("The senator said his attacks on the governor would stop after the vote.")
    assert [(c.source_text, c.cue) for c in found] == [("The senator", "said")]


def test_found_itself_is_no_finding():
    assert extract("The network found itself playing host to the candidates every night.") == []


def test_rules_1_7_cues():
    for text, cue, content in (
        ("The mayor welcomed the decision to reopen the bridge.", "welcomed", "the decision"),
        ("A new study finds that most wells in the county are dry.", "finds", "most wells"),
        ("The governor left, repeating that the budget was final.", "repeating", "the budget"),
        ("Many farmers blame the drought on the new dam.", "blame", "the drought"),
        ("Most analysts predict that rates will rise in May.", "predict", "rates will"),
        ("She ended her speech, reminding voters that the vote was near.", "reminding", "the vote"),
        ("The council member alleges that the contract was rigged.", "alleges", "the contract"),
    ):
        (c,) = extract(text)
        assert (c.cue, c.text.split()[:2]) == (cue, content.split()), text


def test_speech_noun_after_its_possessor():
    (c,) = extract("Her promise to cut taxes won her the race.")
    assert (c.source_text, c.cue, c.text) == ("Her", "promise", "to cut taxes")
    (c,) = extract("The senator's attacks on the governor, a longtime rival, drew little notice.")
    assert (c.source_text, c.cue, c.text) == ("The senator", "attacks", "the governor")


def test_put_it_is_no_cue_for_a_clause():
    assert extract("He put it on the table and left the room quickly.") == []


def test_relative_clause_cue_introducing_a_quotation_has_no_reported_content():
    found = extract("Cruz thanked Mike Lee, who declared in the spin room, “It is time to unite.”")
    assert [c for c in found if c.kind == "paraphrase"] == []


def test_but_with_a_new_subject_ends_the_content():
    found = extract("The mayor said the bridge will reopen in May, but Ana Ruiz ran the numbers.")
    assert [(c.text, c.source_text) for c in found] == [
        ("the bridge will reopen in May", "The mayor")
    ]


def test_and_with_a_new_subject_ends_the_content():
    found = extract("The mayor called the budget a gimmick, and Ana Ruiz left the room.")
    assert [(c.text, c.source_text) for c in found] == [("the budget a gimmick", "The mayor")]


def test_and_closing_a_list_keeps_the_content():
    found = extract("The union endorsed Chen, Diaz, and Ruiz for the school board.")
    assert [c.text for c in found] == ["Chen, Diaz, and Ruiz for the school board"]


def test_but_inside_a_quotation_does_not_end_the_content():
    found = extract("Ruiz said the council “has no plan, but it keeps trying.”")
    assert [c.text for c in found] == ["the council “has no plan, but it keeps trying.”"]


def test_cue_inside_a_quotation_is_no_coordinated_attribution():
    text = "Ruiz told reporters in Dayton on Monday, “We did better, and I think voters see it.”"
    assert [c.kind for c in extract(text)] == ["direct"]


def test_quotation_cue_in_a_relative_clause_attributes_nothing():
    text = "Voters backed Ana Ruiz, who went on to lose the general election by a wide margin."
    assert extract(text) == []


def test_reported_content_stops_before_a_quotation_between_dashes():
    text = "The mayor called the plan reckless - “It is a fantasy,” she said - and left."
    reported = [(c.text, c.cue) for c in extract(text) if c.kind == "paraphrase"]
    assert reported == [("the plan reckless", "called")]


def test_manner_adverb_between_source_and_cue():
    (c,) = extract("The governor has quietly endorsed the transit levy.")
    assert (c.text, c.source_text, c.cue) == ("the transit levy", "The governor", "endorsed")


def test_name_ending_in_ly_is_no_adverb():
    (c,) = extract("Ms. Kelly said the school would close early.")
    assert c.source_text == "Ms. Kelly"


def test_reported_speech_in_a_leading_subordinate_clause_ends_at_the_main_clause():
    text = "Although the mayor said the bridge would reopen in May, crews are still working on it."
    (c,) = extract(text)
    assert (c.text, c.source_text) == ("the bridge would reopen in May", "the mayor")


def test_subordinate_clause_after_a_connective_ends_at_the_main_clause():
    text = "But when the mayor said the bridge would close, the council voted to keep it open."
    (c,) = extract(text)
    assert (c.text, c.source_text) == ("the bridge would close", "the mayor")
    (c,) = extract("However, while the club says it will pay, its owners have not signed anything.")
    assert c.text == "it will pay"


def test_subordinate_clause_after_a_span_of_time_ends_at_the_main_clause():
    text = "Just hours after the mayor said the bridge would close, the council voted it open."
    (c,) = extract(text)
    assert (c.text, c.source_text) == ("the bridge would close", "the mayor")


def test_subordinate_clause_inside_the_sentence_ends_at_its_comma():
    text = (
        "The plan is popular, and while the mayor said she would sign it, the council has doubts."
    )
    (c,) = extract(text)
    assert (c.text, c.source_text) == ("she would sign it", "the mayor")


def test_number_comma_does_not_end_a_subordinate_clause():
    text = "While the mayor said 1,200 homes would get power, crews are still working on it."
    (c,) = extract(text)
    assert c.text == "1,200 homes would get power"


def test_clause_before_a_stance_cue_is_not_its_content():
    (c,) = extract("Facing a tight budget, the council sought to delay the vote.")
    assert (c.text, c.source_text, c.cue) == ("to delay the vote", "the council", "sought")


def test_echoed_attributes_its_object():
    (c,) = extract("The senator echoed the governor’s call for a recount.")
    assert (c.text, c.source_text, c.cue) == (
        "the governor’s call for a recount",
        "The senator",
        "echoed",
    )


def test_echoing_participle_gives_the_subject_an_attribution():
    found = extract("The mayor closed the pier on Friday, echoing warnings from the coast guard.")
    assert [(c.text, c.source_text, c.cue) for c in found] == [
        ("warnings from the coast guard", "The mayor", "echoing")
    ]


def test_negated_cue_keeps_its_source():
    (c,) = extract("The chairman would not say whether the vote would be delayed.")
    assert (c.text, c.source_text, c.cue) == (
        "whether the vote would be delayed",
        "The chairman",
        "say",
    )


def test_present_tense_pledge_takes_its_infinitive():
    (c,) = extract("The governor pledges to veto the pension bill.")
    assert (c.text, c.source_text, c.cue) == ("to veto the pension bill", "The governor", "pledges")


def test_noun_after_a_possessor_is_no_cue():
    assert extract("The senator’s plans surprised the committee on Monday.") == []


def test_showed_up_is_no_cue():
    assert extract("Hundreds of nurses showed up at the council meeting on Friday.") == []


def test_show_before_host_is_a_noun():
    (c,) = extract("Radio talk show host Ana Ruiz said the station would close.")
    assert (c.source_text, c.cue) == ("Radio talk show host Ana Ruiz", "said")


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor thought about the budget for a week.",
        "The union wanted a new contract by June.",
        "The city planned a new bridge over the river.",
        "The incumbent maintains a narrow lead in the county.",
    ],
)
def test_verbs_that_seldom_attribute_are_no_cues(sentence):
    assert extract(sentence) == []


def test_participle_after_a_quote_keeps_content_with_a_quoted_phrase():
    text = "“We are ready,” the mayor said, calling the storm “a test for the city.”"
    reported = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind != "direct"]
    assert reported == [("the storm “a test for the city.”", "the mayor", "calling")]


def test_plural_subject_after_the_keeps_its_participle_clause():
    text = "The departments declined to release the files, saying the inquiry was still open."
    assert [(c.text, c.source_text, c.cue) for c in extract(text)] == [
        ("to release the files", "The departments", "declined"),
        ("the inquiry was still open", "The departments", "saying"),
    ]


def test_preposition_after_the_cue_is_not_content():
    (c,) = extract("The senator wrote about the closure of the paper mill.")
    assert (c.text, c.source_text) == ("the closure of the paper mill", "The senator")


def test_subordinate_clause_ends_at_a_comma_inside_closing_quotation_marks():
    text = "While the mayor said the budget was “balanced,” the city ran a deficit."
    (c,) = extract(text)
    assert c.text == "the budget was “balanced,”"


def test_comparison_after_poll_content_is_the_narrators():
    text = "Most voters said they trust the council, compared with 40 percent of renters."
    (c,) = extract(text)
    assert (c.text, c.source_text) == ("they trust the council", "Most voters")


def test_compared_with_is_no_cue():
    assert (
        extract("The senator won 25 million votes, compared with 16 million for his rival.") == []
    )


def test_according_to_claim_starts_after_a_colon():
    text = "The port is busy again: cargo rose 12 percent in May, according to the harbor board."
    (c,) = extract(text)
    assert (c.text, c.source_text) == ("cargo rose 12 percent in May", "the harbor board")


def test_relative_clause_after_an_inverted_cue_hangs_on_the_speaker():
    text = "“We will rebuild,” said the mayor of Dayton, who added that the pier would reopen."
    reported = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind != "direct"]
    assert reported == [("the pier would reopen", "the mayor of Dayton", "added")]


def test_a_one_word_answer_is_content():
    found = extract("Asked about the levy, 61 percent of renters said yes.")
    assert [(c.text, c.source_text) for c in found] == [("yes", "61 percent of renters")]


def test_reported_content_stops_before_a_single_dash():
    (c,) = extract("The mayor said the budget is balanced - a claim the auditors dispute.")
    assert c.text == "the budget is balanced"


def test_reported_content_keeps_an_aside_between_two_dashes():
    (c,) = extract("The mayor said the budget - all $40 million of it - is balanced.")
    assert c.text == "the budget - all $40 million of it - is balanced"


def test_reported_content_stops_before_a_concessive_even_as():
    (c,) = extract("The mayor vowed to rebuild the pier, even as the council cut its budget.")
    assert (c.text, c.cue) == ("to rebuild the pier", "vowed")


def test_what_a_source_ruled_out_is_its_content():
    (c,) = extract("The governor ruled out new taxes before the election.")
    assert (c.text, c.source_text, c.cue) == (
        "new taxes before the election",
        "The governor",
        "ruled out",
    )


def test_requesting_anonymity_is_how_a_source_was_quoted_not_what_it_said():
    text = "The plan failed, said an aide, who requested anonymity to discuss the talks."
    assert [c.text for c in extract(text)] == ["The plan failed"]


def test_reported_speech_before_a_direct_quote_in_the_same_sentence():
    text = (
        "Okafor said the bridge was “a relic of another era,” but she offered the council a "
        "way forward: “Fund the repairs now.”"
    )
    found = [(c.kind, c.text, c.source_text, c.cue) for c in extract(text)]
    assert found == [
        ("paraphrase", "the bridge was “a relic of another era,”", "Okafor", "said"),
        ("direct", "Fund the repairs now.", "she", "offered"),
    ]


def test_participle_cue_after_before_is_a_new_attribution_of_the_speaker():
    text = "“We are listening,” the governor replied, before adding that the vote could wait."
    found = [(c.kind, c.text, c.source_text, c.cue) for c in extract(text)]
    assert found == [
        ("direct", "We are listening,", "the governor", "replied"),
        ("paraphrase", "the vote could wait", "the governor", "adding"),
    ]


def test_referring_to_takes_the_referent_without_its_apposition():
    text = "“He left us waiting,” the coach said, referring to Tomas Brandt, the former owner."
    found = [(c.kind, c.text, c.cue) for c in extract(text)]
    assert found == [
        ("direct", "He left us waiting,", "said"),
        ("paraphrase", "Tomas Brandt", "referring to"),
    ]


def test_reported_content_does_not_end_on_an_unpaired_quotation_mark():
    text = "Ruiz said she was too tired to keep campaigning: “I need a rest,” she wrote."
    found = [(c.kind, c.text) for c in extract(text)]
    assert found == [
        ("paraphrase", "she was too tired to keep campaigning"),
        ("direct", "I need a rest,"),
    ]


def test_bare_plural_is_a_source():
    found = [
        (c.text, c.source_text, c.cue)
        for c in extract("But hacking specialists say the leaked files might not even be genuine.")
    ]
    assert found == [("the leaked files might not even be genuine", "hacking specialists", "say")]


def test_progressive_cue_takes_the_source_before_its_auxiliary():
    found = [
        (c.text, c.source_text, c.cue)
        for c in extract("The mayor is telling voters that the budget is balanced.")
    ]
    assert found == [("the budget is balanced", "The mayor", "telling")]


def test_negated_progressive_cue_is_reported_speech():
    text = "He’s not saying which bridge he would close."
    found = [(c.text, c.source_text) for c in extract(text)]
    assert found == [("which bridge he would close", "He")]


def test_participle_clause_after_a_subordinating_word_is_reported_speech():
    found = [
        (c.text, c.source_text, c.cue)
        for c in extract("Ana Ruiz backed the plan, after initially saying it cost too much.")
    ]
    assert found == [("it cost too much", "Ana Ruiz", "saying")]


def test_two_word_object_is_content_but_a_fragment_is_not():
    found = [(c.text, c.cue) for c in extract("The governor announced his resignation.")]
    assert found == [("his resignation", "announced")]
    assert extract("The governor agreed with him.") == []


def test_not_responding_to_a_request_is_an_attribution():
    text = "The mayor did not respond to a request for comment."
    found = [(c.text, c.cue) for c in extract(text)]
    assert found == [("a request for comment", "respond to")]


def test_hoping_opens_a_participle_clause():
    text = "The senator stayed in the race, hoping her rivals would split the vote."
    found = [(c.text, c.source_text, c.cue) for c in extract(text)]
    assert found == [("her rivals would split the vote", "The senator", "hoping")]


def test_not_mentioning_a_topic_is_an_attribution():
    found = [(c.text, c.cue) for c in extract("The mayor did not mention the budget deficit.")]
    assert found == [("the budget deficit", "mention")]


def test_pushing_for_opens_a_participle_clause():
    text = "The union backed the strike, pushing for higher wages."
    found = [(c.text, c.source_text, c.cue) for c in extract(text)]
    assert ("higher wages", "The union", "pushing for") in found


def test_named_audience_after_told_ends_an_inverted_attribution():
    text = "The bridge will reopen in May, a city spokesman told The Daily Herald."
    found = [(c.text, c.source_text, c.cue) for c in extract(text)]
    assert found == [("The bridge will reopen in May", "a city spokesman", "told")]


def test_main_clause_after_a_subordinate_attribution_is_read_too():
    text = "While only a few voters said they liked the plan, most residents said it cost too much."
    found = [(c.text, c.source_text) for c in extract(text)]
    assert found == [
        ("they liked the plan", "only a few voters"),
        ("it cost too much", "most residents"),
    ]


def test_according_to_source_keeps_its_participle_modifier():
    text = "The levy has support from 52 percent, according to a survey released on Friday."
    found = [(c.text, c.source_text) for c in extract(text)]
    assert found == [("The levy has support from 52 percent", "a survey released on Friday")]


def test_congratulating_opens_a_participle_clause():
    text = "The senator opened the hearing, congratulating the committee on its report."
    found = [(c.text, c.source_text, c.cue) for c in extract(text)]
    assert found == [("the committee on its report", "The senator", "congratulating")]


@pytest.mark.parametrize(
    "text",
    [
        "Maybe the key to his thinking is what he said four years ago about Ruiz’s phrase "
        "“tax and spend.”",
        "While many fans expect Ms. Ruiz to be reelected, given the long tradition of choosing "
        "a local, they say she will have to work to keep support.",
    ],
)
def test_the_same_words_are_proposed_once(text):
    spans = [(c.start, c.end) for c in extract(text)]
    assert spans
    assert len(spans) == len(set(spans))
