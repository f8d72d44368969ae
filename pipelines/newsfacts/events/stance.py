"""Statements about actions coded as CAMEO codes them (see assets/lexicons/intent_codes.csv).

"X will release the prisoners" reports no release: it reports X's intent to
release, an event that did happen (CAMEO 0353). Likewise a refusal (12) and a
demand made through "must" (10). A reported "would" is a "will" put into the
past ("X said it would boycott the talks": an intent, here a threat, 133), and
an action promised "unless" something happens is a threat (13). The action's
own code is kept in `action_code`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsfacts import lexicon_files
from newsfacts.events.arguments import Argument
from newsfacts.nlp.doc import Sentence

FUTURE_AUX = {"will", "would", "wo", "shall", "'ll"}
OBLIGATION_AUX = {"must", "should", "ought"}
THREAT_MARKS = {"unless"}
ULTIMATUM = "139"  # a threat whose action is no 13 code of its own: "will withdraw unless ..."


@dataclass(frozen=True)
class StanceCodes:
    table: dict[str, dict[str, str]]  # stance -> prefix -> code

    def recode(self, stance: str, code: str) -> str | None:
        prefixes = self.table.get(stance, {})
        for n in range(len(code), 0, -1):
            if code[:n] in prefixes:
                return prefixes[code[:n]]
        return None


@lru_cache(maxsize=1)
def stance_codes() -> StanceCodes:
    table: dict[str, dict[str, str]] = {}
    for r in lexicon_files.read_csv("intent_codes.csv"):
        table.setdefault(r["stance"], {})[r["from_prefix"]] = r["to_code"]
    return StanceCodes(table)


def _chain(s: Sentence, t: int) -> list[int]:
    """The trigger and the verbs it is the complement of."""
    out = [t]
    while s.deps[t] in ("xcomp", "ccomp") and s.heads[t] != t and len(out) < 6:
        t = s.heads[t]
        out.append(t)
    return out


def _marks(s: Sentence, t: int) -> set[str]:
    return {s.words[c].lower() for c in s.children(t) if s.deps[c] == "mark"}


def _condition_marks(s: Sentence, chain: list[int]) -> set[str]:
    """The subordinators of the conditions hung on the chain ("withdraw ... unless Iraq complies")."""
    return {m for t in chain for c in s.children(t) if s.deps[c] == "advcl" for m in _marks(s, c)}


def stance(s: Sentence, trigger: int, modality: str) -> str | None:
    """future, ultimatum, refusal or obligation when the sentence states one about the action, else None."""
    chain = _chain(s, trigger)
    auxes = {s.words[c].lower() for t in chain for c in s.children(t) if s.deps[c] in ("aux", "auxpass")}
    in_condition = any(_marks(s, t) & {"if", "unless"} for t in chain)  # "... unless Iraq agrees to it"
    if auxes & FUTURE_AUX and not in_condition and modality != "negated":
        if _condition_marks(s, chain) & THREAT_MARKS:
            return "ultimatum"
        reported = any(s.deps[t] == "ccomp" for t in chain[:-1])
        if modality == "future" or (reported and modality in ("hypothetical", "conditional")):
            return "future"
    if modality == "future":
        return "future"
    if modality == "negated" and (
        auxes & FUTURE_AUX or any(s.lemmas[t].lower() in lexicon_files.word_list("refusal_governor") for t in chain[1:])
    ):
        return "refusal"
    if modality == "hypothetical" and auxes & OBLIGATION_AUX:
        return "obligation"
    return None


def restate(s: Sentence, event, reporter: Argument | None) -> None:
    """Recode an event in place when the sentence states an intent, a refusal or a demand about it."""
    if not event.code or event.source is None:
        return
    st = stance(s, event.trigger, event.modality)
    if st is None:
        return
    new = stance_codes().recode("future" if st == "ultimatum" else st, event.code)
    if st == "ultimatum" and not (new or event.code).startswith("13"):
        new = ULTIMATUM
    if new is None:
        return
    if st == "obligation":
        if reporter is None:
            return
        event.source, event.target = reporter, event.source  # the reporter demands it of the actor
    event.action_code, event.code, event.modality = event.code, new, "asserted"
    event.coded_by = "intent_codes.csv"
