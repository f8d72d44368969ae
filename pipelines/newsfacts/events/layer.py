"""The event layer over a batch: parse and entity frames in, event and quote frames out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable

import polars as pl

from newsfacts.contract.failures import ArticleFailures
from newsfacts.contract.schema import EVENTS, QUOTES, RowFrames
from newsfacts.contract.values import LocationSource, Modality
from newsfacts.events import syntax
from newsfacts.events.arguments import LOCATIVE_PREPS, UNKNOWN_COUNTRY, Argument, ArgumentResolver, MentionRef
from newsfacts.events.codebook import Codebook
from newsfacts.events.coder import Event, SentenceCoder
from newsfacts.events.confidence import confidence_model, with_confidence
from newsfacts.events.dates import resolve_date
from newsfacts.events.dictionary_coding import CodingDictionaries
from newsfacts.events.event_dates import direction, event_expression, time_expressions
from newsfacts.events.patterns import PatternBook
from newsfacts.events.quotes import Quote, find_quotes, quoted_tokens
from newsfacts.events.uncoding import with_uncoded
from newsfacts.nlp.doc import PLACE_LABELS, ParsedArticle, Sentence, build_articles, rows_by_article

_TIME_LABELS = {"DATE", "TIME"}
# Message events (appeals, demands, threats...) whose target the sentence leaves implicit
# take the target of the same actor's previous event in the article.
_INFER_TARGET_ROOTS = {"02", "10", "11", "12", "13"}
# Actions within a country (a curfew imposed, a protest, martial law lifted) whose target
# the sentence leaves implicit are aimed at the place where they happen.
_PLACE_TARGET_ROOTS = {"08", "14", "15", "17", "18", "19", "20"}


def _event_id(article_id: str, sentence_idx: int, a: int, b: int, code: str | None, part: int = 0) -> str:
    key = f"{article_id}|{sentence_idx}|{a}|{b}|{code or ''}" + (f"|{part}" if part else "")
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _article_mentions(
    mentions: pl.DataFrame, entities: pl.DataFrame
) -> Callable[[ParsedArticle], tuple[list[MentionRef], list[tuple[int, int, int, str, str]]]]:
    """A function giving an article's (or a window's) entity mentions, and its dates, times and amounts
    as (sentence, token start, token end, text, label): built for one article at a time, not the batch."""
    codes = {
        (a, e): (ac, cc)
        for a, e, ac, cc in entities.select("article_id", "entity_id", "actor_code", "country_code").iter_rows()
    }
    named = rows_by_article(
        mentions.filter(pl.col("entity_id").is_not_null()).select(
            "article_id", "sentence_idx", "token_start", "token_end", "label", "mention_kind", "entity_id"
        )
    )
    numeric = rows_by_article(
        mentions.filter(pl.col("entity_id").is_null()).select(
            "article_id", "sentence_idx", "token_start", "token_end", "text", "label"
        )
    )

    def of(article: ParsedArticle) -> tuple[list[MentionRef], list[tuple[int, int, int, str, str]]]:
        aid = article.article_id
        names, numbers = named(aid), numeric(aid)
        if article.window is not None:
            in_window = pl.col("sentence_idx").is_between(article.window[0], article.window[1] - 1)
            names, numbers = names.filter(in_window), numbers.filter(in_window)
        refs = [
            MentionRef(sidx, ts, te, label, kind, eid, *codes.get((aid, eid), (None, None)))
            for _, sidx, ts, te, label, kind, eid in names.iter_rows()
        ]
        return refs, [row[1:] for row in numbers.iter_rows()]

    return of


def _location(s: Sentence, e: Event, resolver: ArgumentResolver) -> MentionRef | None:
    own = [e.source] + ([] if e.target_inferred else [e.target])  # an inferred target lives in another sentence
    heads = [e.trigger] + [a.token for a in own if a is not None] + syntax.objects(s, e.trigger)
    for h in heads:
        for p in s.children(h):
            if s.deps[p] == "prep" and s.words[p].lower() in LOCATIVE_PREPS:
                for o in s.children(p):
                    if s.deps[o] == "pobj":
                        m = resolver.covering(s.idx, o) or resolver.in_phrase(s.idx, o)
                        if m is not None and m.label in PLACE_LABELS:
                            return m
    return None


def _country_places(mentions: list[MentionRef]) -> dict[str, MentionRef]:
    """A country's first mention as a place (its entity is the country itself), by ISO3 code."""
    out: dict[str, MentionRef] = {}
    for m in sorted(mentions, key=lambda m: (m.sentence_idx, m.start)):
        if m.label in PLACE_LABELS and m.country_code and m.actor_code == m.country_code:
            out.setdefault(m.country_code, m)
    return out


def _placed(
    e: Event, place: MentionRef | None, country_places: dict[str, MentionRef], home: str | None
) -> tuple[MentionRef | None, LocationSource | None]:
    """Where an event happened, GDELT's way: the place its clause names, else its actors' country
    (the source's first), else the country the article is about; each only if the article names it."""
    if place is not None:
        return place, LocationSource.TEXT
    for arg in (e.source, e.target):
        code = arg.actor_code if arg is not None else None
        if code and code[:3] in country_places:
            return country_places[code[:3]], LocationSource.ACTOR
    if home is not None and home in country_places:
        return country_places[home], LocationSource.ARTICLE
    return None, None


def _infer_targets(events: list[Event]) -> None:
    last_target: dict[str, Event] = {}
    for e in events:
        code = e.source.actor_code if e.source else None
        key = code[:3] if code else None
        if key is None:
            continue
        if (
            (e.target is None or not e.target.names_actor)
            and (e.code or "")[:2] in _INFER_TARGET_ROOTS
            and key in last_target
        ):
            e.target = last_target[key].target
            e.target_inferred = True
        elif e.target is not None and e.target.names_actor and not e.target_inferred:
            last_target[key] = e


def article_country(mentions: list[MentionRef]) -> str | None:
    """The country an article is about: the one its mentions belong to most often, the first named of
    those on a tie."""
    ordered = sorted(mentions, key=lambda m: (m.sentence_idx, m.start))
    counts = Counter(m.country_code for m in ordered if m.country_code)
    if not counts:
        return None
    top = max(counts.values())
    return next(c for c in counts if counts[c] == top)  # Counter keeps the order of first mention


# Kinds of actor that are anyone's: "two men", "civilians" are not placed by the story's country.
_ANYONES = frozenset({"PPL", "CVL"})


def _in_country(arg: Argument | None, country: str) -> Argument | None:
    """An actor known only by its kind ("the interior minister", ---GOV) placed in the country."""
    code = arg.actor_code if arg else None
    if arg is None or code is None or not code.startswith(UNKNOWN_COUNTRY) or code[3:6] in _ANYONES:
        return arg
    return dataclasses.replace(arg, code=country + code[len(UNKNOWN_COUNTRY) :])


def _place_unplaced_actors(events: list[Event], country: str | None) -> None:
    """A government, army or party whose country the sentence leaves unsaid belongs to the country the
    article is about: "the ministry said" in a story of Kenya is Kenya's ministry."""
    if country is None:
        return
    for e in events:
        e.source = _in_country(e.source, country)
        if not e.target_inferred:
            e.target = _in_country(e.target, country)


def code_article(
    article: ParsedArticle,
    mentions: list[MentionRef],
    numbers: list[tuple[int, int, int, str, str]],
    paragraph_of: dict[int, int],
    book: PatternBook,
    codebook: Codebook,
    dictionaries: CodingDictionaries | None = None,
    as_of: dt.date | None = None,
    petrarch_compat: bool = False,
) -> tuple[list[pl.DataFrame], list[dict]]:
    """The article's events (as frames of EVENTS) and quotation rows."""
    plain = ArgumentResolver(article, mentions)
    quotes: list[Quote] = find_quotes(article, paragraph_of, plain, set(book.reporting))
    resolver = ArgumentResolver(article, mentions, quoted_tokens(article, quotes))
    numeric: dict[int, set[int]] = defaultdict(set)
    for sidx, ts, te, _, _ in numbers:
        numeric[sidx].update(range(ts, te))
    coder = SentenceCoder(
        article,
        book,
        resolver,
        codebook,
        numeric,
        dictionaries=dictionaries,
        as_of=as_of,
        require_dyad=petrarch_compat,
    )
    events: list[Event] = []
    for s in article.sentences:
        if s.kind != "heading" and len(s):
            events.extend(coder.code_sentence(s))
    _infer_targets(events)
    if dictionaries is not None and not petrarch_compat:  # PETRARCH codes ---GOV as is
        _place_unplaced_actors(events, article_country(mentions))

    country_places = _country_places(mentions)
    home = article_country(mentions)
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_sentence[e.sentence_idx].append(e)
    time_spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for sidx, ts, te, text, label in numbers:
        if label in _TIME_LABELS:
            time_spans[sidx].append((ts, te, text))
    times = {
        sidx: time_expressions(article.sentences[sidx], spans, {e.trigger for e in by_sentence[sidx]})
        for sidx, spans in time_spans.items()
    }
    relative_to = article.published or as_of  # an undated article's times count from --as-of

    rows = RowFrames(EVENTS)
    for e in events:
        s = article.sentences[e.sentence_idx]
        a, b = s.starts[e.trigger], s.ends[e.trigger]
        info = codebook.get(e.code) if e.code else None
        asserted = e.modality == Modality.ASSERTED
        when = event_expression(s, e.trigger, times.get(e.sentence_idx, []), asserted)
        # a duration or a time of day ("two hours", "night") places nothing: as if there were none
        resolved = resolve_date(when.text, relative_to, direction(s, when, book.cues)) if when else None
        date_text = when.text if when and resolved else None
        date, date_end, precision, date_source = None, None, None, None
        if resolved:
            date, date_end, precision, date_source = resolved.date, resolved.end, resolved.precision, "text"
        elif asserted and article.published is not None:
            date, precision, date_source = article.published, "day", "published"
        place = _location(s, e, resolver)
        location, location_source = _placed(e, place, country_places, home)
        if (
            (e.target is None or not e.target.names_actor)
            and place is not None
            and (e.code or "")[:2] in _PLACE_TARGET_ROOTS
        ):
            e.target = Argument(place, place.start, place.start, place.end)
            e.target_inferred = True
        row = {
            "event_id": _event_id(article.article_id, e.sentence_idx, a, b, e.code, e.part),
            "article_id": article.article_id,
            "sentence_idx": e.sentence_idx,
            "char_start": a,
            "char_end": b,
            "trigger": article.text[a:b],
            "verb_lemma": e.lemma,
            "trigger_kind": e.kind,
            "cameo_code": e.code,
            "cameo_root": info.root if info else None,
            "quad_class": info.quad_class if info else None,
            "goldstein": info.goldstein if info else None,
            "plover_category": info.plover if info else None,
            "event_date": date,
            "event_date_end": date_end,
            "date_text": date_text,
            "date_precision": precision,
            "date_source": date_source,
            "location_entity_id": location.entity_id if location else None,
            "location_text": _text(article, location),
            "location_source": location_source,
            "modality": e.modality,
            "reported_by_entity_id": e.reported_by.entity_id if e.reported_by else None,
            "target_inferred": e.target_inferred,
            "action_code": e.action_code,
            "coded_by": e.coded_by,
        }
        for side, arg in (("source", e.source), ("target", e.target)):
            m = arg.mention if arg else None
            if arg is not None and not (side == "target" and e.target_inferred):
                arg_sentence = article.sentences[e.sentence_idx]
                sa, sb = arg_sentence.starts[arg.start], arg_sentence.ends[arg.end - 1]
                row.update({f"{side}_text": article.text[sa:sb], f"{side}_char_start": sa, f"{side}_char_end": sb})
            else:
                row.update({f"{side}_text": None, f"{side}_char_start": None, f"{side}_char_end": None})
            row[f"{side}_entity_id"] = m.entity_id if m else None
            row[f"{side}_actor_code"] = arg.actor_code if arg else None
        rows.append(row)

    quote_rows = [
        {
            "article_id": article.article_id,
            "sentence_idx": q.sentence_idx,
            "char_start": q.char_start,
            "char_end": q.char_end,
            "text": q.text,
            "speaker_text": q.speaker_text,
            "speaker_entity_id": q.speaker.entity_id if q.speaker else None,
            "cue_verb": q.cue_verb,
            "speaker_char_start": q.speaker_span[0] if q.speaker_span else None,
            "speaker_char_end": q.speaker_span[1] if q.speaker_span else None,
        }
        for q in quotes
    ]
    return rows.frames(), quote_rows


def _text(article: ParsedArticle, m: MentionRef | None) -> str | None:
    if m is None:
        return None
    s = article.sentences[m.sentence_idx]
    return article.text[s.starts[m.start] : s.ends[m.end - 1]]


def event_frames(
    raw_articles: pl.DataFrame,
    sentences: pl.DataFrame,
    tokens: pl.DataFrame,
    entity_mentions: pl.DataFrame,
    article_entities: pl.DataFrame,
    book: PatternBook,
    codebook: Codebook,
    failures: dict[str, str] | None = None,
    dictionaries: CodingDictionaries | None = None,
    as_of: dt.date | None = None,
    petrarch_compat: bool = False,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(events, quotes) for every article of a batch; an article that fails is left out and
    recorded in `failures`. With dictionaries, they code first; the project's own verb patterns and
    event nouns join in only when the set includes the shipped default. `petrarch_compat` codes with
    PETRARCH's grammar: dyads required, `---GOV` left unplaced."""
    if dictionaries is not None and not dictionaries.with_lexicons:
        book = book.grammar_only()
    mentions_of = _article_mentions(entity_mentions, article_entities)
    paragraphs: dict[str, dict[int, int]] = defaultdict(dict)
    for aid, sidx, pidx in sentences.select("article_id", "sentence_idx", "paragraph_idx").iter_rows():
        paragraphs[aid][sidx] = pidx
    event_parts: list[pl.DataFrame] = []
    quote_rows: list[dict] = []

    windowed: set[str] = set()  # long articles, coded in windows (see build_articles)

    def coded(article: ParsedArticle):
        if article.window is not None:
            windowed.add(article.article_id)
        mentions, numeric = mentions_of(article)
        return code_article(
            article,
            mentions,
            numeric,
            paragraphs[article.article_id],
            book,
            codebook,
            dictionaries,
            as_of,
            petrarch_compat,
        )

    articles = build_articles(raw_articles, sentences, tokens)
    failed = ArticleFailures("events", failures)
    for _, (ev, qu) in failed.each(articles, lambda a: a.article_id, coded):
        event_parts.extend(ev)
        quote_rows.extend(qu)
    # The confidence is of the event as found, its code included; then the events without actors stay uncoded.
    events = with_uncoded(with_confidence(EVENTS.joined(event_parts), confidence_model()), not petrarch_compat)
    events = EVENTS.conform(events)
    quotes = QUOTES.conform(pl.DataFrame(quote_rows, schema=QUOTES.polars_schema) if quote_rows else QUOTES.empty())
    if windowed & failed.reasons.keys():  # a long article failed in one window is left out whole
        dropped = pl.col("article_id").is_in(list(windowed & failed.reasons.keys()))
        events, quotes = events.filter(~dropped), quotes.filter(~dropped)
    return events, quotes
