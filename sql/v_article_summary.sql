-- One row per article: its size in sentences, entities, events and quotations. n_events and
-- goldstein_mean count the asserted events the warehouse counts (v_coded_events: CAMEO-coded, at or
-- above --min-confidence); n_events_all counts every event row, uncoded and not asserted ones included. tone is the article's VADER tone (articles.tone, -1..1).
-- Rounded as round(x * 10^n) / 10^n (half away from zero on the value as printed), not round(x, n):
-- DuckDB 2's round(x, n) rounds the binary double (-0.6375 gives -0.637; DuckDB 1 gave -0.638).
CREATE OR REPLACE VIEW v_article_summary AS
WITH ents AS (
    SELECT article_id, count(*)::INTEGER AS n_entities FROM article_entities GROUP BY 1
), evs AS (
    SELECT article_id, count(*)::INTEGER AS n_events_all FROM events GROUP BY 1
), counted AS (
    SELECT article_id, count(*)::INTEGER AS n_events, round(avg(goldstein) * 1000) / 1000 AS goldstein_mean
    FROM v_coded_events WHERE modality = 'asserted' GROUP BY 1
), qs AS (
    SELECT article_id, count(*)::INTEGER AS n_quotes FROM quotes GROUP BY 1
)
SELECT
    a.article_id, a.path, a.title, a.published_date, a.n_sentences,
    coalesce(ents.n_entities, 0) AS n_entities,
    coalesce(counted.n_events, 0) AS n_events,
    coalesce(evs.n_events_all, 0) AS n_events_all,
    coalesce(qs.n_quotes, 0) AS n_quotes,
    counted.goldstein_mean,
    a.tone
FROM articles a
LEFT JOIN ents USING (article_id)
LEFT JOIN evs USING (article_id)
LEFT JOIN counted USING (article_id)
LEFT JOIN qs USING (article_id);
