-- One row per speaker entity: how many quotations it is given and in how many articles.
CREATE OR REPLACE VIEW v_quotes_by_speaker AS
SELECT
    q.speaker_entity_id,
    e.name,
    e.label,
    e.actor_code,
    count(*)::INTEGER AS n_quotes,
    count(DISTINCT q.article_id)::INTEGER AS n_articles
FROM quotes q
JOIN entities e ON e.entity_id = q.speaker_entity_id
GROUP BY ALL;
