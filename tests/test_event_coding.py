"""Event coding on short sentences: arguments, passives, modality, stances, quotes."""

import datetime as dt

import polars as pl
import pytest

from layers import process

PUBLISHED = dt.date(2021, 3, 10)


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    texts = {
        "passive.txt": "Two Iraqi soldiers were killed by Iranian troops on Monday.",
        "negated.txt": "Russia did not attack Ukraine.",
        "future.txt": "Germany will send humanitarian aid to Syria.",
        "refusal.txt": "Israel refused to release the prisoners.",
        "hypothetical.txt": "France could impose sanctions on Iran.",
        "conditional.txt": "Turkey will withdraw its troops from Syria if the talks succeed.",
        "noun.txt": "The assassination of Iraqi leader Adel Abdul Mahdi by Iranian agents shocked Baghdad.",
        "prep.txt": "China imposed sanctions on Japan last week.",
        "pronoun.txt": "Egypt condemned the raid. It demanded that Israel release the detainees.",
        "quote.txt": "“We will never accept this deal,” Iranian Foreign Minister Mohammad Javad Zarif said.",
        "implicit.txt": "Syria warned Turkey on Monday. In Damascus, Syria demanded an apology on Tuesday.",
        "agreed_on_a_day.txt": "Chile and Argentina agreed on Tuesday to hold joint naval drills.",
        "fronted_with.txt": "With the border talks over, Sudan and Chad have agreed to reopen their embassies.",
        "reported_would.txt": "Mexican officials said they would boycott the vote in Lima.",
        "unless.txt": "Kenya will withdraw its troops from Somalia unless the talks resume.",
        "reported_offer.txt": "Bolivian rebels said they would meet the Peruvian president if he freed their leader.",
        "particle.txt": "Police beat up Kenyan traders at a Mombasa market with sticks.",
        "arrest.txt": "Turkish soldiers arrested twenty Syrian smugglers near the border.",
        "occupy.txt": "Ethiopian troops occupied a Somali border town.",
        "unplaced.txt": "Ghanaian lawmakers approved the budget on Monday in Accra. "
        "The finance minister praised the parliament for its support.",
        "counted.txt": "Hundreds of Syrian Kurds marched through Qamishli to mourn the victims.",
        "compound_noun.txt": "Qatari envoys stepped up their mediation work in Darfur.",
        "uncoded_antecedent.txt": "Islamic detainees began their hunger strike in a Tunis jail on Sunday.",
        "former_igo_names.txt": "The European Community sent Ghana food and medicine after the floods. "
        "The Organization of African Unity condemned the coup in Mali.",
        "declined_to.txt": "Zambia's trade minister declined to resign on Friday. His deputy declined to comment.",
        "obstruction.txt": "Angry Chilean truckers blocked the tunnel under the Andes for a day.",
        "markup.txt": '<p><script>alert(5)</script></p> warned "We will fight them all."\n\n'
        'The crowd cheered. <script>alert(5)</script> "We will fight," he said.\n\n'
        '<b>alert(5)</b> said "Nobody will stop us now."',
    }
    layers = process(
        tmp_path_factory.mktemp("coding"), {k: "---\npublished: 2021-03-10\n---\n" + v for k, v in texts.items()}
    )
    return layers


def events_of(coded, path):
    aid = coded.raw.filter(pl.col("path") == path)["article_id"][0]
    return coded.events.filter((pl.col("article_id") == aid) & pl.col("cameo_code").is_not_null()).to_dicts()


def one(coded, path, trigger):
    rows = [e for e in events_of(coded, path) if e["trigger"] == trigger]
    assert len(rows) == 1, events_of(coded, path)
    return rows[0]


def test_passive_turns_roles_round(coded):
    e = one(coded, "passive.txt", "killed")
    assert (e["source_actor_code"], e["cameo_root"], e["target_actor_code"]) == ("IRNMIL", "18", "IRQMIL")
    assert e["event_date"] == dt.date(2021, 3, 8) and e["date_text"] == "Monday"


def test_negation(coded):
    e = one(coded, "negated.txt", "attack")
    assert e["modality"] == "negated" and e["source_actor_code"] == "RUS" and e["target_actor_code"] == "UKR"
    assert e["event_date"] is None


def test_future_aid_is_an_intent_to_give_it(coded):
    e = one(coded, "future.txt", "send")
    assert e["cameo_code"].startswith("03") and e["action_code"].startswith("07")
    assert e["modality"] == "asserted" and e["plover_category"] == "AGREE"
    assert (e["source_actor_code"], e["target_actor_code"]) == ("DEU", "SYR")


def test_refusal_is_a_rejection(coded):
    e = one(coded, "refusal.txt", "release")
    assert e["cameo_root"] == "12" and e["source_actor_code"] == "ISR"


def test_hypothetical_stays_hypothetical(coded):
    e = one(coded, "hypothetical.txt", "impose")
    assert (e["cameo_code"], e["modality"], e["target_actor_code"]) == ("163", "hypothetical", "IRN")


def test_conditional_beats_future(coded):
    e = one(coded, "conditional.txt", "withdraw")
    assert e["modality"] == "conditional" and e["cameo_root"] in ("08", "16")


def test_nominal_trigger_with_of_and_by(coded):
    e = one(coded, "noun.txt", "assassination")
    assert (e["cameo_code"], e["source_actor_code"], e["target_actor_code"]) == ("186", "IRN", "IRQGOV")


def test_prepositional_target_and_relative_date(coded):
    e = one(coded, "prep.txt", "imposed")
    assert (e["source_actor_code"], e["cameo_code"], e["target_actor_code"]) == ("CHN", "163", "JPN")
    assert e["plover_category"] == "SANCTION"  # PLOVER's sanctions, not coercion
    assert e["event_date"] == dt.date(2021, 3, 3) and e["date_text"] == "last week"


def test_pronoun_resolves_to_the_previous_subject(coded):
    e = one(coded, "pronoun.txt", "demanded")
    assert (e["source_actor_code"], e["cameo_root"], e["target_actor_code"]) == ("EGY", "10", "ISR")


def test_we_in_a_quotation_is_the_speaker(coded):
    aid = coded.raw.filter(pl.col("path") == "quote.txt")["article_id"][0]
    q = coded.quotes.filter(pl.col("article_id") == aid).to_dicts()
    assert [(x["text"], x["speaker_text"], x["cue_verb"]) for x in q] == [
        ("We will never accept this deal,", "Mohammad Javad Zarif", "said")
    ]
    e = one(coded, "quote.txt", "accept")
    assert e["source_actor_code"] == "IRNGOV" and e["cameo_root"] == "12"


def test_leftover_markup_is_never_a_speaker(coded):
    """Tags kept as text in a plain-text article: the quotation has its real speaker or none."""
    aid = coded.raw.filter(pl.col("path") == "markup.txt")["article_id"][0]
    q = coded.quotes.filter(pl.col("article_id") == aid).sort("char_start").to_dicts()
    assert [(x["text"], x["speaker_text"], x["cue_verb"]) for x in q] == [
        ("We will fight them all.", None, "warned"),
        ("We will fight,", "he", "said"),
        ("Nobody will stop us now.", None, "said"),
    ]
    assert all(x["speaker_entity_id"] is None for x in q)


def test_is_speaker_phrase_takes_words_and_refuses_markup_and_code():
    from newsfacts.events.quotes import is_speaker_phrase

    def speaker(text: str) -> bool:
        start = text.index("[") + 1
        plain = text.replace("[", "").replace("]", "")
        return is_speaker_phrase(plain, start - 1, text.index("]") - 1)

    assert speaker("[U.S. Secretary of State Mike Pompeo] said")
    assert speaker("[Moqtada al-Sadr]'s office") and speaker("[O'Brien] said") and speaker("[AT&T] said")
    assert not speaker("<script>[alert(5)</script>] said")
    assert not speaker("<[script]>alert(5)") and speaker('<a href="x">[Reuters]</a> said')
    assert not speaker("[x = 1;] said") and not speaker("[...] said") and not speaker("[p><script] said")


def test_an_implicit_target_comes_from_the_same_actors_previous_event(coded):
    e = one(coded, "implicit.txt", "demanded")
    assert (e["source_actor_code"], e["cameo_root"], e["target_actor_code"]) == ("SYR", "10", "TUR")
    assert e["target_inferred"] and e["target_text"] is None
    assert e["location_text"] == "Damascus"


def test_a_date_after_the_verb_is_no_preposition_of_its_pattern(coded):
    """An "agreed on Tuesday" is no "agree on" a deal (057, signing)."""
    events = [e for e in events_of(coded, "agreed_on_a_day.txt") if e["trigger"] == "agreed"]
    assert events and all(e["cameo_root"] == "03" and e["plover_category"] == "AGREE" for e in events)


def test_a_phrase_before_the_verb_is_no_preposition_of_its_pattern(coded):
    """A "With ..., they agreed to" is no "agree with" (019)."""
    codes = {e["cameo_code"] for e in events_of(coded, "fronted_with.txt") if e["trigger"] == "agreed"}
    assert codes and all(c.startswith("03") for c in codes)


def test_a_reported_would_is_an_intent(coded):
    e = one(coded, "reported_would.txt", "boycott")
    assert e["cameo_root"] == "13" and e["action_code"].startswith("14") and e["modality"] == "asserted"


def test_an_action_promised_unless_something_happens_is_a_threat(coded):
    e = one(coded, "unless.txt", "withdraw")
    assert e["cameo_root"] == "13" and e["plover_category"] == "THREATEN"
    assert (e["source_actor_code"], e["target_actor_code"]) == ("KEN", "SOM")


def test_a_reported_conditional_offer_is_an_intent(coded):
    e = one(coded, "reported_offer.txt", "meet")
    assert e["cameo_code"] == "036" and e["plover_category"] == "AGREE"


def test_a_phrasal_verb_of_the_lexicon_beats_a_dictionary_pattern_further_on(coded):
    e = one(coded, "particle.txt", "beat")
    assert e["cameo_code"] == "182" and e["target_actor_code"].startswith("KEN")


def test_a_pattern_naming_only_the_actor_does_not_recode_the_verb(coded):
    """The pattern "&MILITARY *" (soldiers taking a town: occupation) does not make an arrest by soldiers one."""
    e = one(coded, "arrest.txt", "arrested")
    assert e["cameo_code"] == "173" and e["plover_category"] == "COERCE"


def test_occupying_territory_is_fighting(coded):
    e = one(coded, "occupy.txt", "occupied")
    assert e["cameo_code"] == "192" and e["plover_category"] == "ASSAULT"


def test_an_actor_known_only_by_its_kind_belongs_to_the_country_the_article_is_about(coded):
    e = one(coded, "unplaced.txt", "praised")
    assert (e["source_text"], e["source_actor_code"]) == ("finance minister", "GHAGOV")
    assert e["target_actor_code"] == "GHALEG"


def test_an_amount_of_people_is_the_people_counted(coded):
    e = one(coded, "counted.txt", "marched")
    assert (e["source_text"], e["source_actor_code"], e["cameo_root"]) == ("Kurds", "SYR", "14")


def test_an_event_noun_modifying_another_takes_the_phrase_s_owner(coded):
    e = one(coded, "compound_noun.txt", "mediation")
    assert (e["source_text"], e["source_actor_code"]) == ("their", "QATGOV")


def test_a_pronoun_whose_antecedent_names_no_coded_actor_takes_the_subject_s_code(coded):
    """The model's mention "Islamic" has no code: "their" takes the code of "Islamic fundamentalists"."""
    e = one(coded, "uncoded_antecedent.txt", "strike")
    assert (e["source_text"], e["source_actor_code"]) == ("their", "TUNMUSOPP")


def test_former_names_of_intergovernmental_organisations_are_theirs(coded):
    aid = one(coded, "former_igo_names.txt", "sent")
    assert aid["source_actor_code"].startswith("IGO") and aid["target_actor_code"] == "GHA"
    condemned = one(coded, "former_igo_names.txt", "condemned")
    assert condemned["source_actor_code"].startswith("IGOAFR")


def test_declining_to_act_is_a_refusal_and_declining_to_comment_a_comment(coded):
    events = events_of(coded, "declined_to.txt")
    assert [(e["trigger"], e["cameo_root"]) for e in events] == [("resign", "12"), ("declined", "01")]


def test_blocking_a_way_of_passage_is_obstruction(coded):
    assert one(coded, "obstruction.txt", "blocked")["cameo_code"] == "144"
