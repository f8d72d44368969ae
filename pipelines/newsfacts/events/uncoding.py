"""Which found events stay uncoded, and why: an event is coded only when the sentence reports an
action by or on actors the dictionaries know, and a root's catch-all code ("010 make statement",
"040 consult", "060 engage in material cooperation") only between two of them.

Read by trained coders, events without a coded actor on either side are mostly not events at all
(a quake "hits", software "prevents" an exploit, "the case involving" someone), and a catch-all code
with one coded actor is mostly a word's everyday sense ("going", "face", "added"). Such events stay in
`events`, with `uncoded_reason` and the code they would have had (`uncoded_cameo_code`), so nothing
found is lost; their CAMEO code and what follows from it (root, QuadClass, Goldstein, PLOVER category,
action code) are left empty, and no view, report or export counts them.

The checks run in the order of UNCODING_CHECKS, the first that applies giving the reason.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from newsfacts.contract.values import UncodedReason
from newsfacts.lexicon_files import word_list

# The columns that follow from a CAMEO code, emptied with it.
CODE_COLUMNS = ("cameo_code", "cameo_root", "quad_class", "goldstein", "plover_category", "action_code")


def _no_coded_actor() -> pl.Expr:
    return pl.col("source_actor_code").is_null() & pl.col("target_actor_code").is_null()


def _catch_all_one_actor() -> pl.Expr:
    catch_all = pl.col("cameo_code").is_in(word_list("catch_all_code"))
    one_side = pl.col("source_actor_code").is_null() != pl.col("target_actor_code").is_null()
    return catch_all & one_side


# Precedence as data: the first check that holds names the reason.
UNCODING_CHECKS: tuple[tuple[UncodedReason, Callable[[], pl.Expr]], ...] = (
    (UncodedReason.NO_CODED_ACTOR, _no_coded_actor),
    (UncodedReason.CATCH_ALL_ONE_ACTOR, _catch_all_one_actor),
)


def uncoded_reason(checks: tuple[tuple[UncodedReason, Callable[[], pl.Expr]], ...] = UNCODING_CHECKS) -> pl.Expr:
    """The reason an events row stays uncoded, null when it is coded."""
    in_order = [(pl.col("cameo_code").is_null(), UncodedReason.NO_CODE)] + [(c(), n) for n, c in checks]
    # the first that holds: each gives its name or null, and coalesce keeps the first name
    return pl.coalesce([pl.when(holds).then(pl.lit(name.value, dtype=pl.String)) for holds, name in in_order])


def with_uncoded(events: pl.DataFrame, enabled: bool = True) -> pl.DataFrame:
    """`events` with uncoded_reason and uncoded_cameo_code set, and the code columns of the uncoded
    emptied. `enabled` False (PETRARCH's grammar, which has its own rule: a coded dyad) only names the
    events that no code covers."""
    reason = uncoded_reason(UNCODING_CHECKS if enabled else ())
    out = events.with_columns(reason.alias("uncoded_reason"))
    dropped = pl.col("uncoded_reason").is_not_null() & pl.col("cameo_code").is_not_null()
    return out.with_columns(
        pl.when(dropped).then(pl.col("cameo_code")).otherwise(None).alias("uncoded_cameo_code"),
        *(pl.when(dropped).then(None).otherwise(pl.col(c)).alias(c) for c in CODE_COLUMNS),
    )
