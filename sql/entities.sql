-- One row per entity across the corpus (contract relation). Each article resolves its own
-- entities (article_entities); here the most used name, label and codes win, ties broken by value
-- so the result never depends on row order.
CREATE OR REPLACE VIEW entities AS
SELECT
    entity_id,
    first(name ORDER BY n_mentions DESC, name) AS name,
    first(label ORDER BY n_mentions DESC, label) AS label,
    first(country_code ORDER BY n_mentions DESC, country_code) FILTER (WHERE country_code IS NOT NULL) AS country_code,
    first(actor_code ORDER BY n_mentions DESC, actor_code) FILTER (WHERE actor_code IS NOT NULL) AS actor_code,
    first(actor_code_valid_from ORDER BY n_mentions DESC, actor_code, actor_code_valid_from)
        FILTER (WHERE actor_code IS NOT NULL) AS actor_code_valid_from,
    first(actor_code_valid_until ORDER BY n_mentions DESC, actor_code, actor_code_valid_from)
        FILTER (WHERE actor_code IS NOT NULL) AS actor_code_valid_until,
    first(actor_code_source ORDER BY n_mentions DESC, actor_code, actor_code_valid_from)
        FILTER (WHERE actor_code IS NOT NULL) AS actor_code_source,
    first(latitude ORDER BY n_mentions DESC, latitude, longitude) FILTER (WHERE latitude IS NOT NULL) AS latitude,
    first(longitude ORDER BY n_mentions DESC, latitude, longitude) FILTER (WHERE latitude IS NOT NULL) AS longitude,
    sum(n_mentions)::INTEGER AS n_mentions,
    count(DISTINCT article_id)::INTEGER AS n_articles,
    first(entity_key ORDER BY entity_key) AS entity_key
FROM article_entities
GROUP BY entity_id;
