-- One row per entity: how often and where it is mentioned, how often it acts or is acted on.
-- Event counts are over asserted events only (v_asserted_events: what is reported to have happened).
CREATE OR REPLACE VIEW v_entity_summary AS
WITH seen AS (
    SELECT ae.entity_id, min(a.published_date) AS first_seen, max(a.published_date) AS last_seen
    FROM article_entities ae JOIN articles a USING (article_id)
    GROUP BY ae.entity_id
), as_source AS (
    SELECT source_entity_id AS entity_id, count(*) AS n
    FROM v_asserted_events WHERE source_entity_id IS NOT NULL GROUP BY 1
), as_target AS (
    SELECT target_entity_id AS entity_id, count(*) AS n
    FROM v_asserted_events WHERE target_entity_id IS NOT NULL GROUP BY 1
)
SELECT
    e.entity_id, e.name, e.label, e.country_code, e.actor_code, e.n_mentions, e.n_articles,
    coalesce(s.n, 0)::INTEGER AS n_events_as_source,
    coalesce(t.n, 0)::INTEGER AS n_events_as_target,
    seen.first_seen, seen.last_seen
FROM entities e
LEFT JOIN seen USING (entity_id)
LEFT JOIN as_source s USING (entity_id)
LEFT JOIN as_target t USING (entity_id);
