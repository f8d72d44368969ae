-- One row per (happening of v_events_dedup, article sentence that reports it): GDELT's mentions table,
-- kept as a view so a happening's mentions grow as later articles report it (GDELT's counts freeze after
-- its first 15 minutes). Where a sentence reports the happening more than once, the first trigger stands
-- for it (event_id, offsets) and n_events counts them. Offsets are raw offsets into the article's file.
CREATE OR REPLACE VIEW event_mentions AS
SELECT
    e.global_event_id,
    e.event_date,
    e.source_actor_code,
    e.target_actor_code,
    e.cameo_code,
    e.article_id,
    e.sentence_idx,
    arg_min(e.event_id, (e.char_start, e.event_id)) AS event_id,
    arg_min(e.char_start, (e.char_start, e.event_id)) AS action_char_start,
    arg_min(e.source_char_start, (e.char_start, e.event_id)) AS source_char_start,
    arg_min(e.target_char_start, (e.char_start, e.event_id)) AS target_char_start,
    count(*)::INTEGER AS n_events,
    first(s.tone) AS sentence_tone,
    first(a.tone) AS article_tone,
    first(a.batch) AS batch
FROM v_asserted_events e
JOIN sentences s USING (article_id, sentence_idx)
JOIN articles a USING (article_id)
GROUP BY e.global_event_id, e.event_date, e.source_actor_code, e.target_actor_code, e.cameo_code,
    e.article_id, e.sentence_idx;
