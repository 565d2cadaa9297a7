"""Direct quotes: content inside quotation marks, with the speaker and cue around them."""

from __future__ import annotations

from quotes.extraction import EXTRACTOR_VERSION, Candidate, extract


def only(text: str, **kwargs) -> Candidate:
    found = extract(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_version_is_a_rules_string():
    assert EXTRACTOR_VERSION.startswith("rules-")


def test_empty_text_gives_no_candidates():
    assert extract("") == []


def test_quote_then_speaker_then_cue_with_apposition():
    text = "“No negotiations under fire,” the official, Basem Naim, said in a text exchange."
    c = only(text)
    assert c.kind == "direct"
    assert c.text == "No negotiations under fire,"
    assert text[c.start : c.end] == c.text
    assert c.source_text == "the official, Basem Naim"
    assert text[c.source_start : c.source_end] == c.source_text
    assert (c.cue, text[c.cue_start : c.cue_end]) == ("said", "said")


def test_straight_quotation_marks():
    c = only('"We will not back down," Mayor Ana Ruiz said.')
    assert (c.kind, c.text, c.source_text) == ("direct", "We will not back down,", "Mayor Ana Ruiz")


def test_inverted_cue_after_quote():
    c = only("“The talks are over,” said Herzog, according to a statement by his office.")
    assert (c.text, c.source_text, c.cue) == ("The talks are over,", "Herzog", "said")


def test_speaker_and_cue_before_quote():
    c = only("The senator said, “This bill will not pass.”")
    assert (c.kind, c.text, c.source_text) == ("direct", "This bill will not pass.", "The senator")


def test_speaker_with_apposition_before_quote_without_comma():
    text = "Zaher Jabareen, another member of Hamas’ leadership, said “so far, nothing.”"
    c = only(text)
    assert c.text == "so far, nothing."
    assert c.source_text == "Zaher Jabareen, another member of Hamas’ leadership"


def test_colon_introduces_quote():
    c = only("The governor added: “We are ready for the storm.”")
    assert (c.text, c.source_text, c.cue) == (
        "We are ready for the storm.",
        "The governor",
        "added",
    )


def test_quote_split_by_attribution_keeps_one_speaker():
    text = "“We tried,” Ms. Lopez said. “Nobody listened.”"
    found = extract(text)
    assert [c.text for c in found] == ["We tried,", "Nobody listened."]
    assert {c.source_text for c in found} == {"Ms. Lopez"}
    assert len({c.cue_start for c in found}) == 1


def test_continuation_paragraph_belongs_to_previous_speaker():
    text = "“First point,” the minister said.\n\n“And a second point, made in a new paragraph.”"
    first, second = extract(text)
    assert second.kind == "direct"
    assert second.text == "And a second point, made in a new paragraph."
    assert (second.source_start, second.cue_start) == (first.source_start, first.cue_start)


def test_multi_paragraph_quote_that_opens_without_closing():
    text = (
        "“The first paragraph runs on,” she said. “It does not close here.\n\n"
        "“The second paragraph closes the quotation.”"
    )
    found = extract(text)
    assert [c.text for c in found] == [
        "The first paragraph runs on,",
        "It does not close here.",
        "The second paragraph closes the quotation.",
    ]
    assert {c.source_text for c in found} == {"she"}


def test_paragraph_ending_in_cue_and_colon_introduces_next_paragraph():
    text = "In a speech, the president declared:\n\n“This is a turning point for the country.”"
    c = only(text)
    assert (c.text, c.source_text, c.cue) == (
        "This is a turning point for the country.",
        "the president",
        "declared",
    )


def test_scare_quotes_inside_a_sentence_are_not_direct_quotes():
    found = extract("The plan was branded “dead on arrival” by critics in the capital.")
    assert all(c.kind != "direct" for c in found)


def test_direct_quote_with_unknown_speaker_is_not_emitted():
    assert extract("“It is over.”") == []


def test_double_apostrophe_quotation_marks():
    c = only("''We should not take growth for granted,'' said Lael Brainard, a Fed governor.")
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "We should not take growth for granted,",
        "Lael Brainard",
    )


def test_participle_saying_before_quote_takes_the_subject():
    c = only("Trump attacked Clinton on Monday, saying, “She has no stamina.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "She has no stamina.",
        "Trump",
        "saying",
    )


def test_adding_before_quote_takes_the_subject():
    text = "The mayor thanked the crews for their work, adding, “The roads will be clear by noon.”"
    c = only(text)
    assert (c.text, c.source_text, c.cue) == (
        "The roads will be clear by noon.",
        "The mayor",
        "adding",
    )


def test_colon_after_any_verb_introduces_a_quote():
    c = only("Rubio hit back forcefully: “If they sue us, they’re going to lose.”")
    assert (c.kind, c.source_text, c.cue) == ("direct", "Rubio", "hit back forcefully")


def test_question_quote_keeps_its_attribution_after_the_question_mark():
    c = only("“Who knows?” Trump told ITV in an interview.")
    assert (c.kind, c.text, c.source_text, c.cue) == ("direct", "Who knows?", "Trump", "told")


def test_lower_case_descriptor_before_the_name_is_part_of_the_source():
    c = only("“It’s unanimous,” councilmember Mark Levine said of the vote.")
    assert c.source_text == "councilmember Mark Levine"


def test_told_audience_comma_quote():
    c = only("Clinton told her supporters, “I still love New Hampshire.”")
    assert (c.kind, c.text, c.source_text) == ("direct", "I still love New Hampshire.", "Clinton")


def test_nested_single_quote_at_the_end_of_a_quote():
    c = only("“She told me, ‘Wait for the results,’” Broaddrick said.")
    assert (c.kind, c.source_text) == ("direct", "Broaddrick")
    assert c.text == "She told me, ‘Wait for the results,’"


def test_more_speech_verbs_introduce_quotes():
    c = only("He answered, “I have no idea.”")
    assert (c.kind, c.text, c.cue) == ("direct", "I have no idea.", "answered")


def test_spaced_closing_mark_after_a_nested_quote():
    c = only("\"What I see is what they call 'a flight to quality,' \" he said.")
    assert (c.text, c.source_text) == ("What I see is what they call 'a flight to quality,'", "he")


def test_name_right_before_a_colon_is_the_source():
    text = (
        "The surge does not surprise Republican pollster Daron Shaw: "
        "“Lesser-known candidates see the biggest boost.”"
    )
    c = only(text)
    assert (c.kind, c.source_text, c.cue) == ("direct", "Daron Shaw", ":")


def test_long_apposition_after_the_name_keeps_the_name_as_source():
    text = (
        "“I would have been in Siberia,” Mr. Daniloff, now 81 and retired in Cambridge, Mass., "
        "said by telephone."
    )
    c = only(text)
    assert (c.text, c.source_text, c.cue) == (
        "I would have been in Siberia,",
        "Mr. Daniloff",
        "said",
    )


def test_participle_adjective_is_part_of_the_source():
    c = only("“Expect a massive ad spend,” said one Republican involved in the planning.")
    assert c.source_text == "one Republican involved"


def test_quote_without_comma_before_speaker_and_said():
    c = only('“He put a lot of people out of business" Sweeny said after an event.')
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "He put a lot of people out of business",
        "Sweeny",
    )


def test_went_on_to_say_before_a_quote():
    c = only("He went on to say, “She once threw a Bible at an agent.”")
    assert (c.source_text, c.cue) == ("He", "say")


def test_exclamation_quote_with_shouted_after_it():
    c = only("“All the way!” Dawson shouted, waving a sign.")
    assert (c.text, c.source_text, c.cue) == ("All the way!", "Dawson", "shouted")


def test_quote_after_a_connective_takes_the_paragraph_speaker():
    text = "“It was hard at first,” he said. Then, “I tried to explain it to them.”"
    found = extract(text)
    assert [c.text for c in found] == ["It was hard at first,", "I tried to explain it to them."]
    assert len({(c.source_start, c.cue_start) for c in found}) == 1


def test_quotation_resuming_after_a_mid_sentence_attribution_keeps_the_speaker():
    text = (
        '"The risk," said Edward Leamer, an economist at the UCLA Anderson Forecast, '
        '"is that we are going to be attracting workers and repelling jobs."'
    )
    found = extract(text)
    assert [(c.kind, c.source_text) for c in found] == [
        ("direct", "Edward Leamer"),
        ("direct", "Edward Leamer"),
    ]
    assert found[1].text.startswith("is that we are going")
    assert found[1].cue_start == found[0].cue_start


def test_unquoted_rest_of_the_sentence_after_a_partial_quote_is_part_of_the_content():
    text = (
        "Patrick says “regardless of what the pundits say, it’s a two-man race” "
        "between Cruz and Trump."
    )
    c = only(text)
    assert c.kind == "direct"
    assert (
        c.text == "regardless of what the pundits say, it’s a two-man race” between Cruz and Trump"
    )
    assert c.source_text == "Patrick"


def test_subject_of_coordinated_verbs_speaks_the_quote():
    c = only('Ms. Sherry smiled and said, "I am waiting for Michael Bloomberg to get in the race."')
    assert (c.kind, c.source_text, c.cue) == ("direct", "Ms. Sherry", "said")


def test_present_tense_joke_cue_introduces_a_quote():
    c = only("He jokes, “It’s a never ending line!”")
    assert (c.kind, c.source_text, c.cue) == ("direct", "He", "jokes")


def test_inverted_source_stops_before_a_relative_clause():
    text = (
        "“It’s going to be challenging to do it in a quick turnaround,” said a longtime GOP "
        "data expert who has worked for one of Trump's rivals."
    )
    c = only(text)
    assert (c.kind, c.source_text) == ("direct", "a longtime GOP data expert")


def test_inverted_source_stops_before_an_as_clause():
    c = only("“We can still win,” said Ana Ruiz as she left the stage.")
    assert (c.kind, c.text, c.source_text) == ("direct", "We can still win,", "Ana Ruiz")


def test_unattributed_quotation_continues_the_closest_speaker_before_it():
    text = "“The bridge is safe,” Ana Ruiz said. “It was inspected,” Tom Lee said. “We agree.”"
    found = extract(text)
    assert [(c.text, c.source_text) for c in found] == [
        ("The bridge is safe,", "Ana Ruiz"),
        ("It was inspected,", "Tom Lee"),
        ("We agree.", "Tom Lee"),
    ]
    assert found[1].cue_start == found[2].cue_start


def test_quotation_after_adding_is_a_new_attribution_of_the_same_speaker():
    text = "“The roads are clear,” she said, adding, “Schools will open on time.”"
    first, second = extract(text)
    assert (first.cue, second.cue) == ("said", "adding")
    assert second.text == "Schools will open on time."
    assert second.source_start == first.source_start


def test_content_opening_with_a_quotation_is_a_direct_quote():
    c = only("“The next council” should decide the budget, the mayor said.")
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "“The next council” should decide the budget",
        "the mayor",
    )


def test_quotation_after_that_stays_reported_speech():
    c = only("The mayor said that “the next council” should decide the budget.")
    assert c.kind == "paraphrase"


def test_quotation_right_after_a_bare_attribution_sentence_belongs_to_it():
    c = only("Lena Park agreed. “The clinic needs more nurses.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "The clinic needs more nurses.",
        "Lena Park",
        "agreed",
    )


def test_quote_paragraph_after_narration_does_not_take_the_previous_speaker():
    text = (
        "“We will rebuild,” Ana Ruiz said. Later that week the council met in the old library "
        "on Main Street to hear from residents, engineers and the state inspectors about the "
        "collapsed bridge and the long detour.\n“We will rebuild better.”"
    )
    assert [c.text for c in extract(text)] == ["We will rebuild,"]


def test_participle_quote_after_several_introductory_phrases():
    text = (
        "On Thursday, after months of silence, Ana Ruiz endorsed the mayor, saying, "
        "“She earned it.”"
    )
    found = [c for c in extract(text) if c.kind == "direct"]
    assert [(c.text, c.source_text, c.cue) for c in found] == [
        ("She earned it.", "Ana Ruiz", "saying")
    ]


def test_quotation_after_an_attribution_ending_in_an_abbreviation_keeps_the_speaker():
    text = "“The bridge is safe,” Ana Ruiz said at a meeting in Albany, N.Y. “It was inspected.”"
    found = extract(text)
    assert [c.text for c in found] == ["The bridge is safe,", "It was inspected."]
    assert len({(c.source_start, c.cue_start) for c in found}) == 1


def test_recipient_before_a_quotation_is_not_content():
    text = "The governor brushed off the protest, telling reporters, “We will win this fight.”"
    found = [c for c in extract(text) if c.cue == "telling"]
    assert [(c.kind, c.text, c.source_text) for c in found] == [
        ("direct", "We will win this fight.", "The governor")
    ]


def test_double_apostrophe_close_after_an_inner_quote_or_a_space():
    for text, quote in (
        ("''Call it 'old-school,''' said Ana Ruiz, a friend.", "Call it 'old-school,'"),
        ("''We built strong ties, '' said Ana Ruiz, a friend.", "We built strong ties,"),
    ):
        (c,) = extract(text)
        assert (c.kind, c.text, c.source_text) == ("direct", quote, "Ana Ruiz"), text


def test_introductory_word_after_a_quotation_starts_a_new_sentence():
    text = "“Judge,” Ana Ruiz said, “I have never seen this.” Later, Ruiz said the case was closed."
    assert [(c.kind, c.text) for c in extract(text)] == [
        ("direct", "Judge,"),
        ("direct", "I have never seen this."),
        ("paraphrase", "the case was closed"),
    ]


def test_attribution_with_a_colon_belongs_to_the_next_quotation():
    text = "“Let us be clear,” she wrote. “It is your fault.” She added: “This is absurd.”"
    assert [(c.text, c.cue) for c in extract(text)] == [
        ("Let us be clear,", "wrote"),
        ("It is your fault.", "wrote"),
        ("This is absurd.", "added"),
    ]


def test_quotation_in_parentheses():
    (c,) = extract("The show is back. (“We persuaded the creators to return,” he said.)")
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "We persuaded the creators to return,",
        "he",
    )


def test_clause_before_a_partial_quote_stays_reported_speech():
    for text in (
        "A spokesman told CNN that Ruiz is “very involved” in the design.",
        "Ruiz joked that he likes a good, “peaceful protest” now and then.",
    ):
        (c,) = extract(text)
        assert c.kind == "paraphrase", text


def test_bare_quote_paragraph_continues_the_quotation_not_a_participle_clause_after_it():
    text = (
        "“There’s a real demographic revolution,” Ramos said, referring to the Hispanic "
        "community.\n\n“So I think there’s resistance among many Americans.”"
    )
    continued = next(c for c in extract(text) if c.text.startswith("So I think"))
    assert (continued.kind, continued.source_text, continued.cue) == ("direct", "Ramos", "said")
    assert continued.cue_start == text.index("said")


def test_a_cue_inside_the_speakers_relative_clause_is_not_the_attribution():
    text = "“I am a superdelegate,” Warren, who has not endorsed a candidate, told reporters."
    c = only(text)
    assert (c.kind, c.text, c.cue) == ("direct", "I am a superdelegate,", "told")
    assert c.source_text.startswith("Warren")


def test_coordinated_adjectives_belong_to_the_source():
    text = "“I made climate change the top priority,” the bespectacled, 71-year-old diplomat said."
    c = only(text)
    assert (c.text, c.source_text) == (
        "I made climate change the top priority,",
        "the bespectacled, 71-year-old diplomat",
    )


def test_a_quotation_after_the_speakers_participle_clause_and_colon_is_a_new_attribution():
    text = "“Access is valuable,” said Skelly, explaining he worked with them: “Vito is great.”"
    first, second = extract(text)
    assert (second.text, second.source_text, second.cue) == ("Vito is great.", "Skelly", ":")
    assert second.cue_start != first.cue_start


def test_a_section_label_does_not_swallow_the_quotations_of_its_paragraph():
    text = (
        "Superdelegates: Clinton is backed by 520 of them. “The concern is that the process "
        "erodes democracy,” Devine said."
    )
    quoted = [c for c in extract(text) if c.kind == "direct"]
    assert [(c.source_text, c.cue) for c in quoted] == [("Devine", "said")]


def test_the_subject_of_a_gesture_and_said_speaks_the_quote():
    c = only("Mrs. Clinton shook her head and said, “No way.”")
    assert (c.kind, c.text, c.source_text) == ("direct", "No way.", "Mrs. Clinton")


def test_a_name_with_a_long_apposition_after_the_quote_is_the_source():
    text = (
        "“Very good reporter,” Trump, the 2016 Republican frontrunner nationally and the polling "
        "leader in South Carolina by a wide margin after winning the New Hampshire primary, said."
    )
    c = only(text)
    assert (c.kind, c.cue) == ("direct", "said")
    assert c.source_text.startswith("Trump, the 2016 Republican frontrunner")


def test_when_the_quotation_was_said_is_not_part_of_its_content():
    c = only("Trump tweeted: “Thank you Indiana! #Trump2016” on Friday afternoon.")
    assert c.text == "Thank you Indiana! #Trump2016"


def test_quotation_right_after_called_is_a_name():
    text = 'There is also a weekly segment, called "Fast Lane" in which the host answers mail.'
    assert extract(text) == []


def test_quotation_right_after_the_noun_show_is_a_name():
    assert extract('Lee, the star of the cooking show "Big Kitchen," left the network.') == []


def test_sentence_start_before_attribution_joins_a_lower_case_quotation():
    text = "The new levy, the treasurer said, “will cost the county four hundred jobs.”"
    lead, quote = extract(text)
    assert (lead.kind, lead.text) == ("paraphrase", "The new levy")
    assert (quote.kind, quote.text) == ("direct", "will cost the county four hundred jobs.")
    assert lead.source_text == quote.source_text == "the treasurer"
    assert lead.cue_start == quote.cue_start


def test_quotation_completed_by_the_rest_of_its_sentence_continues_the_speaker():
    text = "“We will reopen the mill,” the mayor said. “The money is there” for the repairs."
    first, second = extract(text)
    assert second.kind == "direct"
    assert second.text == "The money is there” for the repairs"
    assert (second.source_text, second.cue_start) == ("the mayor", first.cue_start)


def test_participle_after_an_attribution_keeps_that_speaker():
    text = "The plant closed in May, the mayor said, adding, “We are not going anywhere.”"
    quote = [c for c in extract(text) if c.kind == "direct"]
    assert [(c.text, c.source_text, c.cue) for c in quote] == [
        ("We are not going anywhere.", "the mayor", "adding")
    ]


def test_clause_before_said_adding_is_the_speakers_reported_speech():
    text = "The plant closed in May, the mayor said, adding, “We are not going anywhere.”"
    reported = [c for c in extract(text) if c.kind == "paraphrase"]
    assert [(c.text, c.source_text, c.cue) for c in reported] == [
        ("The plant closed in May", "the mayor", "said")
    ]


def test_programme_title_after_told_is_not_a_quotation():
    text = "“We will win the county,” the senator told KXR’s “Morning Line” on Friday."
    c = only(text)
    assert (c.kind, c.text, c.source_text) == ("direct", "We will win the county,", "the senator")


def test_narration_after_a_quotation_ending_in_an_exclamation_is_not_quoted_content():
    c = only("The crowd chanted “Four more years!” as the governor walked in.")
    assert (c.kind, c.text) == ("direct", "Four more years!")


def test_participle_after_a_quotation_ending_in_a_comma_is_not_quoted_content():
    c = only("He vowed, “We will rebuild every bridge,” referring to the flood.")
    assert (c.kind, c.text) == ("direct", "We will rebuild every bridge,")


def test_as_speaker_put_it_introduces_a_quote():
    c = only("As the mayor put it, “We are not going anywhere.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "We are not going anywhere.",
        "the mayor",
        "put it",
    )


def test_fronted_said_before_its_source_introduces_a_quote():
    c = only("Said Ana Ruiz, a nurse from Ohio, “We are not going anywhere.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "We are not going anywhere.",
        "Ana Ruiz",
        "Said",
    )


def test_quotation_after_reported_speech_continues_it_not_the_earlier_quote():
    text = "“We will win,” the mayor said. She added that the budget was tight. “It will pass.”"
    _, reported, last = extract(text)
    assert (reported.kind, reported.cue) == ("paraphrase", "added")
    assert (last.kind, last.text, last.cue_start) == ("direct", "It will pass.", reported.cue_start)


def test_quotation_after_a_partial_quote_with_its_tail_continues_that_attribution():
    text = "“The roads are a mess” across the county, the mayor said. “We will fix them.”"
    first, second = extract(text)
    assert (first.kind, first.text) == ("direct", "“The roads are a mess” across the county")
    assert (second.kind, second.text) == ("direct", "We will fix them.")
    assert (second.source_text, second.cue_start) == ("the mayor", first.cue_start)


def test_sentence_glued_to_a_closing_mark_is_no_attribution_of_the_quotation():
    text = "“We won,” he tweeted. “The best days are ahead!”Former governor Ana Ruiz disagreed."
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert quoted == [("We won,", "he", "tweeted"), ("The best days are ahead!", "he", "tweeted")]


def test_unattributed_sentence_ending_in_a_quotation_continues_the_speaker_before_it():
    text = "“We will reopen the mill,” the mayor said. The plan “will save four hundred jobs.”"
    first, second = extract(text)
    assert second.text == "The plan “will save four hundred jobs.”"
    assert (second.source_text, second.cue_start) == ("the mayor", first.cue_start)


def test_sentence_after_reported_speech_does_not_continue_an_earlier_quotation():
    text = "“We will win,” the mayor said. She called the plan “a lifeline.” Indeed, “it is.”"
    assert all(c.text != "Indeed, “it is.”" for c in extract(text))


def test_participle_after_a_quotation_introduced_by_its_speaker_gives_a_new_cue():
    text = "On Sunday, the mayor said, “We acted in time,” adding, “Nobody else did.”"
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text)]
    assert quoted == [
        ("We acted in time,", "the mayor", "said"),
        ("Nobody else did.", "the mayor", "adding"),
    ]


def test_speaker_labels_in_a_run_of_quotations():
    found = extract("Ruiz: “We will fix the roads.” Chen: “We will lower the fares.”")
    assert [(c.kind, c.text, c.source_text, c.cue) for c in found] == [
        ("direct", "We will fix the roads.", "Ruiz", ":"),
        ("direct", "We will lower the fares.", "Chen", ":"),
    ]


def test_content_opening_with_a_quotation_runs_to_its_closing_mark():
    text = "Ruiz told reporters in Dayton on Monday, “We did better, and I think voters see it.”"
    quoted = [c.text for c in extract(text) if c.kind == "direct"]
    assert quoted == ["We did better, and I think voters see it."]


def test_title_after_program_is_not_a_quotation():
    c = only("“We earned it,” the coach told the radio program “Inside Sports” after the game.")
    assert (c.kind, c.text, c.source_text) == ("direct", "We earned it,", "the coach")


def test_went_on_attributes_a_quotation():
    c = only("“And we will be back next spring,” she went on.")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "And we will be back next spring,",
        "she",
        "went on",
    )


def test_attributed_quotation_between_dashes_is_a_direct_quote():
    text = "The mayor called the plan reckless - “It is a fantasy,” she said - and left."
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert quoted == [("It is a fantasy,", "she", "said")]


def test_any_verb_after_a_comma_closed_quotation_attributes_it():
    c = only("“We will take this fight to the voters,” the governor fumed on Tuesday.")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "We will take this fight to the voters,",
        "the governor",
        "fumed",
    )


def test_any_inverted_verb_after_a_comma_closed_quotation_attributes_it():
    c = only("“The numbers are simply not there,” mused Ana Ruiz, a county clerk.")
    assert (c.kind, c.source_text, c.cue) == ("direct", "Ana Ruiz", "mused")


def test_question_then_name_and_any_past_verb_is_one_attributed_sentence():
    text = "“Would you sign the bill again?” Ms. Ruiz pressed. “Tell us now.”"
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert quoted[0] == ("Would you sign the bill again?", "Ms. Ruiz", "pressed")


def test_long_adverbial_between_cue_and_quotation_is_not_content():
    text = (
        "The senator said on Twitter on Monday, after the vote in the chamber had ended, "
        "“We will try again next year.”"
    )
    c = only(text)
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "We will try again next year.",
        "The senator",
    )


def test_quote_paragraph_after_a_paragraph_ending_in_any_verb_and_colon():
    text = "The governor released the following statement:\n\n“We mourn with the families.”"
    c = only(text)
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "We mourn with the families.",
        "The governor",
    )


def test_signature_line_under_a_quote_paragraph_names_its_speaker():
    text = "The claims were checked one by one.\n\n“Our schools are falling behind.”\n\n- Ana Ruiz."
    c = only(text)
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "Our schools are falling behind.",
        "Ana Ruiz",
        "-",
    )


def test_signature_line_may_describe_the_speaker_after_the_name():
    text = "The claims were checked one by one.\n\n“Our schools are failing.”\n\n- Ana Ruiz, Ohio."
    c = only(text)
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "Our schools are failing.",
        "Ana Ruiz",
        "-",
    )


def test_signature_line_outranks_the_speaker_of_the_paragraph_before():
    text = "“The roads are ready,” the mayor said.\n\n“We will find the money.”\n\n- Ana Ruiz."
    signed = [c.source_text for c in extract(text) if c.text == "We will find the money."]
    assert signed == ["Ana Ruiz"]


def test_plural_subject_and_any_present_verb_after_a_quotation_attribute_it():
    c = only("“The levy will cost the county jobs,” the two economists conclude.")
    assert (c.kind, c.source_text, c.cue) == ("direct", "the two economists", "conclude")


def test_any_inverted_present_verb_after_a_comma_closed_quotation_attributes_it():
    c = only("“Our ideas of success are different,” agrees Ana Ruiz, a teacher in Austin.")
    assert (c.kind, c.source_text, c.cue) == ("direct", "Ana Ruiz", "agrees")


def test_title_after_show_and_a_comma_is_not_a_quotation():
    text = 'Ana Ruiz, a contestant on the reality TV show, "The Big Prize," later ran for mayor.'
    assert [c for c in extract(text) if c.kind == "direct"] == []


def test_closing_mark_opening_a_paragraph_opens_a_quotation_before_an_ellipsis():
    c = only("The report went on.\n\n” … and the money ran out in May,” wrote the Gazette.")
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "… and the money ran out in May,",
        "the Gazette",
    )


def test_invisible_format_mark_before_a_quote_paragraph_is_ignored():
    c = only("\u202a“We will fight on,” posted Ana Ruiz.")
    assert (c.kind, c.text, c.source_text) == ("direct", "We will fight on,", "Ana Ruiz")


def test_short_lead_ending_at_a_colon_before_a_quote_paragraph_is_not_content():
    text = "The mayor issued the following statement:\n\n“Our prayers are with the families.”"
    c = only(text)
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "Our prayers are with the families.",
        "The mayor",
    )


def test_prepositional_lead_ending_at_a_colon_before_a_quote_paragraph_is_not_content():
    text = (
        "In a letter last week, the council wrote about its plan for the bridges of the city:"
        "\n\n“Every bridge will be inspected by the end of the year.”"
    )
    c = only(text)
    assert (c.kind, c.text, c.source_text) == (
        "direct",
        "Every bridge will be inspected by the end of the year.",
        "the council",
    )


def test_attributed_quotation_in_parentheses_mid_sentence_is_direct():
    text = (
        "The plan drew anger from members (“I want my dues back,” wrote Ana Ruiz, a nurse in "
        "Ohio, on Facebook), and the union will likely face more."
    )
    c = only(text)
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "I want my dues back,",
        "Ana Ruiz",
        "wrote",
    )


def test_colon_presenting_a_named_source_attributes_the_quotation():
    c = only("Not every panel did well. More from the report: “Larger samples did better.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "Larger samples did better.",
        "the report",
        ":",
    )


def test_more_from_right_after_a_dash_presents_the_named_source():
    c = only("Signs of a shift were there all along -More from Ruiz and Chen: “Voters moved.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "Voters moved.",
        "Ruiz and Chen",
        ":",
    )


def test_in_the_words_of_a_source_attributes_the_quotation():
    c = only("The plan failed because, in the words of one aide, “nobody read the budget.”")
    assert (c.kind, c.text, c.source_text) == ("direct", "nobody read the budget.", "one aide")


def test_shouting_introduces_a_quotation_of_the_clause_subject():
    c = only("The protester stormed out of the hall, shouting “This is not over!”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "This is not over!",
        "The protester",
        "shouting",
    )


def test_straight_closing_mark_after_a_stray_space_closes_the_quotation():
    c = only('"Well, what does that mean? " Ana Ruiz asked.')
    assert (c.kind, c.text, c.source_text) == ("direct", "Well, what does that mean?", "Ana Ruiz")


def test_question_then_name_and_a_quotation_cue_is_one_attributed_sentence():
    text = "“Is that fair, really?” Ana Ruiz went on, ignoring the question. “I think not.”"
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert quoted[0] == ("Is that fair, really?", "Ana Ruiz", "went on")


def test_adverb_between_subject_and_verb_keeps_the_subject_as_speaker():
    text = "She quickly noted her years in the senate, saying “we faced hard times together.”"
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert quoted == [("we faced hard times together.", "She", "saying")]


def test_now_between_subject_and_verb_after_a_quotation_keeps_the_subject_as_speaker():
    c = only("“This is your campaign,” the website now says, showing a photo of volunteers.")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "This is your campaign,",
        "the website",
        "says",
    )


def test_phrase_after_that_before_a_quotation_stays_reported_content():
    c = only("The mayor said that in her city, “there is a huge degree of pessimism.”")
    assert (c.kind, c.text) == ("paraphrase", "in her city, “there is a huge degree of pessimism.”")


def test_curly_quotation_nested_in_a_straight_one_keeps_the_outer_quotation():
    text = 'The mayor wrote: "The council is not about “public service” anymore. It is a club."'
    c = only(text)
    assert (c.kind, c.source_text) == ("direct", "The mayor")
    assert c.text == "The council is not about “public service” anymore. It is a club."


def test_interjection_before_a_colon_lead_is_no_speaker():
    text = "Listen, it gets worse:\n\n“The fund lost half of its money in a single year.”"
    assert [c.source_text for c in extract(text)] == []


def test_opening_participle_gives_the_quotation_to_the_main_clause_subject():
    text = "Citing “family obligations,” the senator’s aide told reporters she would skip the gala."
    quoted = [(c.text, c.source_text, c.cue) for c in extract(text) if c.kind == "direct"]
    assert quoted == [("family obligations,", "the senator’s aide", "Citing")]


def test_quotation_opening_a_sentence_completed_by_or_stays_direct():
    text = (
        "“I will not back the plan,” said Ana Ruiz, a councilwoman. “It is not ready to pass”"
        " or to be funded this year."
    )
    quoted = [c.text for c in extract(text) if c.kind == "direct"]
    assert quoted[1].startswith("It is not ready to pass")


def test_quotation_opening_a_sentence_completed_by_which_stays_direct():
    text = (
        "“We are in good shape,” said Ana Ruiz, a senior adviser. “We can still win Ohio,”"
        " which votes in March."
    )
    quoted = [c.text for c in extract(text) if c.kind == "direct"]
    assert quoted[1].startswith("We can still win Ohio,")


def test_quotation_after_the_attribution_and_and_keeps_its_speaker():
    text = "“The plan must come with strict oversight,” she said, and “real penalties for abuse.”"
    quoted = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert quoted == [
        ("The plan must come with strict oversight,", "she"),
        ("real penalties for abuse.", "she"),
    ]


def test_recipient_after_the_cue_is_not_content():
    c = only("The mayor explained to the crowd, “We will rebuild every school.”")
    assert (c.kind, c.text, c.source_text, c.cue) == (
        "direct",
        "We will rebuild every school.",
        "The mayor",
        "explained",
    )


def test_past_verb_after_and_after_a_comma_closed_quotation_is_not_content():
    text = "Ana Ruiz wrote, “It is time to end his career,” and shared a link to her site."
    quoted = [c.text for c in extract(text) if c.kind == "direct"]
    assert quoted == ["It is time to end his career,"]


def test_name_after_a_dash_before_the_colon_is_the_speaker():
    text = "Forecasters misread the late storm - StormDesk: “The models all pointed east.”"
    direct = [(c.text, c.source_text) for c in extract(text) if c.kind == "direct"]
    assert direct == [("The models all pointed east.", "StormDesk")]
