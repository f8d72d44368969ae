-- One row per distinct happening: (event_date, source_actor_code, target_actor_code, cameo_code)
-- over asserted events, with how many articles and sentences report it and one example event.
-- Syndicated copies of an article count once (v_asserted_events leaves byte-for-byte copies and
-- near-copies out); n_outlets counts the outlets that carried the happening, near-copies included
-- (an outlet is the article's source, else its URL's host, else its container file, else its path).
CREATE OR REPLACE VIEW v_events_dedup AS
WITH happenings AS (
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
    GROUP BY event_date, source_actor_code, target_actor_code, cameo_code
), carried AS (
    SELECT
        e.event_date,
        e.source_actor_code,
        e.target_actor_code,
        e.cameo_code,
        count(DISTINCT coalesce(
            a.source, nullif(regexp_extract(a.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]+)', 1), ''), a.container, a.path
        ))::INTEGER AS n_outlets
    FROM v_coded_events e
    JOIN articles a USING (article_id)
    WHERE e.modality = 'asserted' AND a.duplicate_of IS NULL
    GROUP BY e.event_date, e.source_actor_code, e.target_actor_code, e.cameo_code
)
SELECT h.*, c.n_outlets
FROM happenings h
LEFT JOIN carried c
    ON c.event_date IS NOT DISTINCT FROM h.event_date
    AND c.source_actor_code IS NOT DISTINCT FROM h.source_actor_code
    AND c.target_actor_code IS NOT DISTINCT FROM h.target_actor_code
    AND c.cameo_code = h.cameo_code;
