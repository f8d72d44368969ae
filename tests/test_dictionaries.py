"""The dictionary readers and sets, on small files written here and on the real shipped ones."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from newsfacts.dictionaries import (
    AgentPosition,
    DictionaryError,
    DiscardScope,
    EventCode,
    NounElement,
    PrepElement,
    Role,
    TermKind,
    default_dir,
    describe,
    load,
    parse_date,
)
from newsfacts.dictionaries.actors import read_actors
from newsfacts.dictionaries.agents import read_agents
from newsfacts.dictionaries.discards import read_discards
from newsfacts.dictionaries.sets import role_of
from newsfacts.dictionaries.verbs import read_verbs

from conftest import ROOT, SHARED

# ../shared beside the checkout (or beside the folder of worktrees)
VALIDATE = next(
    (s / "petrarch" / "validate" for s in (SHARED, ROOT.parents[1] / "shared") if (s / "petrarch").is_dir()),
    SHARED / "petrarch" / "validate",
)
# like its siblings, a test of the validation set skips in a clone without ../shared
needs_validate = pytest.mark.skipif(not VALIDATE.is_dir(), reason="../shared/petrarch/validate is not here")


def _read(reader, text: str | bytes, name: str = "test.txt"):
    problems = []
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return reader(data, name, problems), problems


def _messages(problems) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems]


# ------------------------------------------------------------------------------------------------ lines


def test_a_byte_that_is_not_utf8_is_reported_with_its_line_and_the_record_kept():
    data = b"# actors\nJOS\xc9_MARTI_ [CUBELI]\n+MARTI_\n\t[CUBGOV 19590101-19600101]\n"
    actors, problems = _read(read_actors, data, "x.actors.txt")
    assert [(p.file, p.line) for p in problems] == [("x.actors.txt", 2)]
    assert "not valid UTF-8 (byte 0xc9 at column 4)" in problems[0].message
    entry = actors.by_phrase[("josé", "marti")]
    assert [p.text for p in entry.phrases] == ["josé marti", "marti"]  # the synonym stays with its record
    assert entry.code_at(date(1959, 6, 1)) == ("CUBGOV", entry.ranges[0])


def test_control_characters_and_multiline_html_comments():
    data = "<!-- a comment\n[NOT] a record\n-->\nZ\x1aROUAL_ [DZAGOV]\n<!-- one line -->\nALGERIA [DZA]\n"
    actors, problems = _read(read_actors, data)
    assert _messages(problems) == [(4, "character U+001A (a byte lost before this copy of the file); kept as written")]
    assert sorted(" ".join(w) for w in actors.by_phrase) == ["algeria", "z\x1aroual"]


# ------------------------------------------------------------------------------------------------ verbs

VERBS = """\
&CURRENCY
+DOLLAR
+SWISS_FRANC
+CASH_
&AUXVERB_
+WAS
+IS_TO
&MONEY
+&CURRENCY
+GOLD

--- ACCUSE [112] ---
ACCUSE
CHARGE [1121]  # a verb with its own code
BREAK {BROKE BROKEN}
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF}
WIRE_+TAP
+BEEF_UP
- $ * + (OF {WAR CRIMES}) [1122:1121] # CHARGE
- % &AUXVERB_ * (FOR {FINANCIAL &MONEY}) [---]
- IN_* [075]
- IN_ * [075A]
- * ^ (TO +) [:173]
- * &UNDEFINED [110]
- * NO CODE
- * ( UNBALANCED [110]
- ONE * TWO * [110]

~ a (a b ATTACK) SAY = a b 015
~ broken transformation
"""


def test_synonym_sets_plurals_nesting_and_labels_ending_in_underscore():
    verbs, _ = _read(read_verbs, VERBS)

    def texts(name):
        return [p.text for p in verbs.synsets[name].phrases]

    assert texts("CURRENCY") == ["dollar", "dollars", "swiss franc", "swiss francs", "cash"]
    assert texts("AUXVERB") == ["was", "is to"]  # label ending `_`: no plurals
    assert texts("MONEY") == ["dollar", "dollars", "swiss franc", "swiss francs", "cash", "gold", "golds"]


def test_verbs_forms_multiword_verbs_and_codes():
    verbs, _ = _read(read_verbs, VERBS)
    block = verbs.blocks["accuse"]
    assert (block.description, block.code.active) == ("ACCUSE", "112")
    assert [v.lemma for v in block.verbs] == ["accuse", "charge", "break", "+cordon off", "wire +tap", "+beef up"]
    assert verbs.verbs["accuse"].forms == ("accuse", "accuses", "accused", "accusing")
    assert verbs.verbs["charge"].code.active == "1121"
    assert verbs.verbs["break"].forms == ("break", "broke", "broken")
    cordon = verbs.verbs["+cordon off"]
    assert (cordon.word, cordon.before, cordon.after) == ("cordon", (), ("off",))
    assert cordon.forms == ("cordon", "cordoned", "cordons", "cordoning")
    tap = verbs.verbs["wire +tap"]
    assert (tap.word, tap.before, tap.forms) == ("tap", ("wire",), ("tap", "taps", "taped", "taping"))
    assert [v.lemma for v in verbs.by_word["beef"]] == ["+beef up"]
    assert verbs.forms["broke"] == {"break"}
    assert verbs.block_of("+cordon off") is block and verbs.patterns_for("charge") == block.patterns


def test_patterns_are_structured():
    verbs, _ = _read(read_verbs, VERBS)
    first, second, joined, spaced, skip = verbs.blocks["accuse"].patterns
    assert (first.file, first.line, first.comment) == ("test.txt", 19, "CHARGE")
    assert first.code == EventCode("1122:1121", "1122", "1121")
    assert first.markers(TermKind.SOURCE) == [("pre", 0)] and first.markers(TermKind.TARGET) == [("post", 0)]
    prep = first.post_preps[0]
    assert isinstance(prep, PrepElement) and prep.preposition.text == "of"
    assert prep.objects[0].braced and [t.text for t in prep.objects[0].terms] == ["war", "crimes"]
    assert prep.objects[0].head.text == "crimes"

    assert second.code.is_null and second.markers(TermKind.COMPOUND) == [("pre", 0)]
    assert second.pre_nouns[1].terms[0].kind == TermKind.SYNSET and second.pre_nouns[1].head.text == "AUXVERB"
    money = second.post_preps[0].objects[0]
    assert [(t.kind, t.text) for t in money.terms] == [(TermKind.WORD, "financial"), (TermKind.SYNSET, "MONEY")]
    assert second.synsets() == {"AUXVERB", "MONEY"}

    assert joined.verb_joined == (True, False) and joined.pre[0].terms[0].joined
    assert spaced.verb_joined == (False, False) and spaced.pre[0].terms[0].exact
    assert spaced.code == EventCode("075A", "075A")  # kept as written, and reported
    assert skip.code == EventCode(":173", None, "173")
    assert skip.markers(TermKind.SKIP) == [("post", 0)] and skip.markers(TermKind.TARGET) == [("post", 1)]
    assert isinstance(skip.post[0], NounElement)


def test_verb_file_problems_are_reported_with_their_lines():
    verbs, problems = _read(read_verbs, VERBS)
    assert _messages(problems) == [
        (22, "code [075A] is not a CAMEO code; kept as written"),
        (24, "synonym set &UNDEFINED used before it is defined; pattern ignored"),
        (25, "pattern without a [code]; ignored"),
        (26, "'(' without ')'; pattern ignored"),
        (27, "pattern with 2 verb positions '*' (expected one); ignored"),
        (30, "malformed transformation; expected '~ a (b c VERB) VERB = x y CODE'; ignored"),
    ]
    (t,) = verbs.transformations
    assert (t.source, t.inner, t.verb, t.result) == ("a", ("a", "b", "ATTACK"), "SAY", ("a", "b", "015"))


# ------------------------------------------------------------------------------------------------ actors

ACTORS = """\
BARACK_OBAMA_  ; a TABARI comment
+PRESIDENT_OBAMA
\t[USAELI 19780101-20000101]
\t[USAGOV >090120]

ABDELAZIZ_BELKHADEM_  [DZAELI] # default code
\t[DZAGOVAGR 030101-080630]
\t[DZAGOV <030101]

KOFI_ANNAN_\t[IGOUNO 970101-061231] [ELI]
LEONID_BREZHNEV_
SOVIET_LEADER_BREZHNEV
\t[RUSGOV 641014-821110]
+TAIOAN_ +TAWIAN_ [TWN]
\t[XYZ 9008223-911221]
\t[XYZ 20121207-20120802]
\t[XYZ 19820101]
NOCODE_ACTOR
"""


def test_actor_codes_resolve_by_date_inclusive_with_the_default_as_fallback():
    actors, _ = _read(read_actors, ACTORS)
    obama = actors.by_phrase[("barack", "obama")]
    assert actors.by_phrase[("president", "obama")] is obama
    assert obama.code_at(date(2009, 1, 20)) == ("USAGOV", obama.ranges[1])
    assert obama.code_at(date(2009, 1, 19)) == (None, None)  # no default code
    assert obama.code_at(date(1990, 5, 1))[0] == "USAELI"
    belkhadem = actors.by_phrase[("abdelaziz", "belkhadem")]
    agr = belkhadem.ranges[0]
    assert (agr.start, agr.end) == (date(2003, 1, 1), date(2008, 6, 30))  # YYMMDD: 00-30 is 20YY
    assert belkhadem.code_at(date(2008, 6, 30)) == ("DZAGOVAGR", agr)
    assert belkhadem.code_at(date(2008, 7, 1)) == ("DZAELI", None)
    assert belkhadem.code_at(date(2003, 1, 1))[0] == "DZAGOVAGR"  # the first restriction holding the date wins
    assert belkhadem.code_at(date(2002, 12, 31))[0] == "DZAGOV"
    assert belkhadem.code_at(None) == ("DZAELI", None)
    annan = actors.by_phrase[("kofi", "annan")]  # restrictions on the primary line
    assert annan.code_at(date(2000, 1, 1))[0] == "IGOUNO" and annan.code_at(date(2010, 1, 1))[0] == "ELI"


def test_actor_forms_and_problems():
    actors, problems = _read(read_actors, ACTORS)
    brezhnev = actors.by_phrase[("leonid", "brezhnev")]  # codeless line right above a record: its synonym
    assert [p.text for p in brezhnev.phrases] == ["leonid brezhnev", "soviet leader brezhnev", "taioan", "tawian"]
    assert brezhnev.default_code == "TWN" and brezhnev.phrases[0].exact and not brezhnev.phrases[1].exact
    assert actors.by_phrase[("nocode", "actor")].code_at(date(2000, 1, 1)) == (None, None)
    assert _messages(problems) == [
        (11, "actor without a code right above another actor; read as a synonym of the next one"),
        (14, "several synonyms on one line; each is read"),
        (15, "date '9008223' is neither YYYYMMDD nor YYMMDD; this code is ignored"),
        (16, "date range 20121207-20120802 ends before it starts; this code is ignored"),
        (17, "malformed code [XYZ 19820101]; this code is ignored"),
        (18, "actor without a code; it is kept and codes as null"),
    ]


def test_two_digit_years():
    assert parse_date("300101") == date(2030, 1, 1)
    assert parse_date("310101") == date(1931, 1, 1)
    assert parse_date("19990228") == date(1999, 2, 28)
    with pytest.raises(ValueError):
        parse_date("20100931")


# ------------------------------------------------------------------------------------------------ agents

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP]
HUMAN_RIGHTS_BODY [NGO~]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
SECURITY_AGENCY [ ~SPY]
CONGRESS!PERSON! [~LEG]
MINISTER [~GOV}
!NOPE!_OF_THINGS [~GOV]
ISLAMIC_EXTREMIST
ODD [~A~]
"""


def test_agents_prefix_suffix_plurals_and_substitutions():
    agents, problems = _read(read_agents, AGENTS)
    by = agents.by_phrase
    assert by[("police",)].combine("IRQ") == "IRQCOP" and ("polices",) not in by
    body = by[("human", "rights", "bodies")]
    assert body.position == AgentPosition.PREFIX and body.combine("IRQ") == "NGOIRQ"
    assert by[("attorneys", "general")].code == "GOVATG" and ("attorney", "generals") not in by
    assert by[("security", "agencies")].combine(None) == "SPY"
    assert {w for w in by if w[0].startswith("congress")} == {("congressman",), ("congressmen",), ("congresswoman",)}
    assert by[("ministers",)].code == "GOV"
    assert _messages(problems) == [
        (7, "code closed with '}' instead of ']'; read as written"),
        (8, "substitution set !NOPE! is not defined; agent ignored"),
        (9, "agent without a [code]; ignored"),
        (10, "agent code [~A~] has no single leading or trailing '~'; agent ignored"),
    ]
    assert len(agents.phrases()) == len(by)


# ------------------------------------------------------------------------------------------------ discards


def test_discards_story_and_sentence_level_stems_and_whole_words():
    discards, problems = _read(read_discards, "+World Cup_  # story\nBASEBALL\n\nTENNIS_\n")
    assert problems == []
    cup, baseball, tennis = discards.discards
    assert cup.scope == DiscardScope.STORY and baseball.scope == tennis.scope == DiscardScope.SENTENCE
    assert cup.matches("Fans of the world cup, again.") and not cup.matches("the World Cups")
    assert baseball.matches("Baseballs flew.") and not baseball.matches("base ball")
    assert tennis.matches("tennis.") and not tennis.matches("Tennisball")
    assert discards.scoped(DiscardScope.STORY) == [cup]


# ------------------------------------------------------------------------------------------------ the real files


def test_the_shipped_set_loads_with_its_known_problems():
    ds = load()
    assert ds.problem_counts() == {
        "CAMEO.2.0.txt": 40,
        "Phoenix.Countries.actors.txt": 52,
        "Phoenix.International.actors.txt": 8,
        "Phoenix.MilNonState.actors.txt": 0,
        "Phoenix.agents.txt": 2,
        "Phoenix.discards.txt": 0,
    }
    assert (ds.verbs.n_patterns(), len(ds.verbs.synsets), len(ds.verbs.transformations)) == (4664, 40, 8)
    assert (len(ds.actors.entries), len(ds.agents.entries), len(ds.discards.discards)) == (27214, 2244, 506)
    obama = ds.actors.by_phrase[("barack", "obama")]
    assert obama.code_at(date(2010, 1, 1))[0] == "USAGOV"
    assert ds.agents.by_phrase[("police",)].combine("IRQ") == "IRQCOP"
    assert ds.verbs.block_of("attack") is not None


@needs_validate
def test_the_validation_set_loads_with_its_known_problems():
    ds = load([str(VALIDATE)])
    assert ds.problem_counts() == {
        "PETR.Validate.actors.txt": 0,
        "PETR.Validate.agents.txt": 0,
        "PETR.Validate.discards.txt": 0,
        "PETR.Validate.verbs.txt": 19,
    }
    assert ds.verbs.verbs["+cordon off"].block == "exclude"


# ------------------------------------------------------------------------------------------------ sets


def _folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def test_roles_come_from_file_names():
    assert [
        role_of(n)
        for n in ("CAMEO.2.0.txt", "my.verbs.txt", "x.Actors.txt", "Phoenix.agents.txt", "discards", "notes.txt")
    ] == [Role.VERBS, Role.VERBS, Role.ACTORS, Role.AGENTS, Role.DISCARDS, None]


def test_folders_merge_in_order_and_other_files_are_reported(tmp_path):
    base = _folder(tmp_path / "base", {"a.actors.txt": "GONDOR [GON]\nARNOR [ARN]\n", "LICENSE": "MIT"})
    mine = _folder(tmp_path / "mine", {"b.actors.txt": "GONDOR [GONGOV]\n", "notes.txt": "x"})
    ds = load([str(base), str(mine)])
    assert ds.actors.by_phrase[("gondor",)].default_code == "GONGOV"  # later folders override
    assert ds.actors.by_phrase[("arnor",)].default_code == "ARN"
    assert [(p.file, p.line) for p in ds.problems] == [("notes.txt", 0)]
    assert [f.role for f in ds.description.files] == [Role.ACTORS, Role.ACTORS]


def test_default_names_the_shipped_set_and_bad_folders_are_refused(tmp_path):
    assert describe(["default"]).digest == describe(None).digest
    assert {f.folder for f in describe(["default"]).files} == {"default"}
    assert Path(describe().files[0].path).parent == default_dir()
    with pytest.raises(DictionaryError, match="dictionary folder not found"):
        describe([str(tmp_path / "nope")])
    with pytest.raises(DictionaryError, match="no dictionary files in"):
        describe([str(_folder(tmp_path / "empty", {"readme.md": "x"}))])


def test_the_digest_follows_the_contents_not_the_place(tmp_path):
    one = _folder(tmp_path / "one", {"x.discards.txt": "TENNIS\n"})
    two = _folder(tmp_path / "two", {"x.discards.txt": "TENNIS\n"})
    assert describe([str(one)]).digest == describe([str(two)]).digest
    (two / "x.discards.txt").write_text("GOLF\n", encoding="utf-8")
    assert describe([str(one)]).digest != describe([str(two)]).digest


def test_the_cache_gives_back_the_same_set(tmp_path):
    folder = _folder(tmp_path / "d", {"x.actors.txt": "GONDOR [GON]\n\t[GONGOV >20200101]\nBAD [X 1]\n"})
    fresh = load([str(folder)], cache_dir=tmp_path / "cache")
    cached = load([str(folder)], cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").iterdir())) == 1
    assert cached.actors.by_phrase == fresh.actors.by_phrase and cached.problems == fresh.problems
    assert cached.actors.by_phrase[("gondor",)].code_at(date(2021, 1, 1))[0] == "GONGOV"


def test_the_set_is_part_of_the_entity_and_event_code_versions(tmp_path, monkeypatch):
    from newsfacts import versions

    folder = _folder(tmp_path / "d", {"x.discards.txt": "TENNIS\n"})
    assert versions.dictionaries_digest((str(folder),)) == describe([str(folder)]).digest
    assert versions.dictionaries_digest() == describe(["default"]).digest  # no option, no variable
    assert versions.LAYERS["entities"]["dictionaries"] and versions.LAYERS["events"]["dictionaries"]


def test_the_environment_names_folders(monkeypatch, tmp_path):
    from newsfacts.settings import Settings

    monkeypatch.setenv("NEWSFACTS_DICTIONARIES", os.pathsep.join(["default", str(tmp_path)]))
    assert Settings.from_env().dictionaries == ("default", str(tmp_path.resolve()))
    assert Settings.from_env(dictionaries=["default"]).dictionaries == ("default",)


def test_the_command_line_and_the_environment_name_the_coding_options(monkeypatch, tmp_path):
    """`newsfacts run --petrarch-compat --published-plover` names the options in the environment, where the
    definitions (the run's, the UI's, the sensor's) read them and tell the coding workers."""
    import argparse

    from newsfacts.cli import _choose_coding
    from newsfacts.defs.build import build_definitions
    from newsfacts.dictionaries.options import PETRARCH_COMPAT_ENV, PLOVER_READINGS_ENV, CodingOptions
    from newsfacts.settings import Settings

    for name in (PETRARCH_COMPAT_ENV, PLOVER_READINGS_ENV):
        # Set, then deleted: monkeypatch restores what _choose_coding sets below (a variable that was
        # never there is not restored by delenv alone, and leaked into every later test's runs).
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    assert Settings.from_env().coding == CodingOptions(petrarch_compat=False, plover_readings=True)
    _choose_coding(argparse.Namespace(petrarch_compat=True, published_plover=True))
    settings = Settings.from_env(tmp_path / "seeds", tmp_path / "w.duckdb")
    assert settings.coding == CodingOptions(petrarch_compat=True, plover_readings=False)
    resource = build_definitions(settings).resources["dictionaries"]
    assert resource.choice().options == CodingOptions(petrarch_compat=True, plover_readings=False)


# ------------------------------------------------------------------------------------------------ the CLI


def test_cli_refuses_a_bad_dictionary_folder_in_one_line(project, tmp_path):
    proc = project.run_cli("run", "--dictionaries", str(tmp_path / "missing"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"newsfacts: dictionary folder not found: {tmp_path / 'missing'}"]


@pytest.mark.slow  # two CLI runs end to end
@needs_validate
def test_cli_accepts_the_validation_dictionaries_and_records_them(project):
    project.add_seed()
    proc = project.run_cli("run", "--dictionaries", str(VALIDATE))
    line = next(x for x in proc.stderr.splitlines() if "dictionaries:" in x)
    assert line.startswith(
        f"newsfacts: dictionaries: {VALIDATE.resolve()} (4 files, 473 verb patterns, 128 actors, "
        f"88 agents, 9 discards), 19 problem(s) (listed in "
    )
    digest = describe([str(VALIDATE)]).digest
    assert project.sql("SELECT dictionary_set FROM ingest_batches") == [(digest,)]
    assert project.sql("SELECT role, count(*) FROM dictionary_sets GROUP BY 1 ORDER BY 1") == [
        ("actors", 1),
        ("agents", 1),
        ("discards", 1),
        ("verbs", 1),
    ]
    assert project.sql("SELECT count(*) FROM dictionary_problems WHERE dictionary_set = ?", [digest]) == [(19,)]
    rerun = project.run_cli("run", "--dictionaries", str(VALIDATE))
    assert "0 new, 0 changed, 1 unchanged" in rerun.stdout
