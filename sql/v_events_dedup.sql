-- One row per distinct happening: (event_date, source_actor_code, target_actor_code, cameo_code)
-- over asserted events, with how many articles and sentences report it and one example event.
-- Syndicated copies of an article count once (v_asserted_events leaves byte-for-byte copies out).
CREATE OR REPLACE VIEW v_events_dedup AS
SELECT
    event_date,
    source_actor_code,
    target_actor_code,
    cameo_code,
    first(cameo_root) AS cameo_root,
    first(quad_class) AS quad_class,
    first(goldstein) AS goldstein,
    count(DISTINCT article_id)::INTEGER AS n_articles,
    count(DISTINCT (article_id, sentence_idx))::INTEGER AS n_sentences,
    count(*)::INTEGER AS n_events,
    first(event_id ORDER BY article_id, sentence_idx, char_start) AS example_event_id,
    first(global_event_id) AS global_event_id
FROM v_asserted_events
GROUP BY event_date, source_actor_code, target_actor_code, cameo_code;
