-- One row per unordered pair of entities named in the same sentence (entity_id_a < entity_id_b).
CREATE OR REPLACE VIEW v_entity_cooccurrence AS
WITH in_sentence AS (
    SELECT DISTINCT article_id, sentence_idx, entity_id
    FROM entity_mentions WHERE entity_id IS NOT NULL
)
SELECT
    a.entity_id AS entity_id_a, ea.name AS name_a,
    b.entity_id AS entity_id_b, eb.name AS name_b,
    count(*)::INTEGER AS n_sentences,
    count(DISTINCT a.article_id)::INTEGER AS n_articles
FROM in_sentence a
JOIN in_sentence b ON a.article_id = b.article_id AND a.sentence_idx = b.sentence_idx AND a.entity_id < b.entity_id
JOIN entities ea ON ea.entity_id = a.entity_id
JOIN entities eb ON eb.entity_id = b.entity_id
GROUP BY ALL;
