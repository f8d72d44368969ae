-- One row per (source_actor_code, target_actor_code): how much and how cooperatively one actor acted
-- on another. Counts asserted events only (v_asserted_events); events with neither actor coded are left out.
-- Rounded as round(x * 10^n) / 10^n (half away from zero on the value as printed), not round(x, n):
-- DuckDB 2's round(x, n) rounds the binary double (-0.6375 gives -0.637; DuckDB 1 gave -0.638).
CREATE OR REPLACE VIEW v_actor_dyads AS
SELECT
    source_actor_code,
    target_actor_code,
    count(*)::INTEGER AS n_events,
    count(DISTINCT article_id)::INTEGER AS n_articles,
    round(sum(goldstein) * 100) / 100 AS goldstein_sum,
    round(avg(goldstein) * 1000) / 1000 AS goldstein_mean,
    count(*) FILTER (WHERE quad_class = 1)::INTEGER AS n_quad1,
    count(*) FILTER (WHERE quad_class = 2)::INTEGER AS n_quad2,
    count(*) FILTER (WHERE quad_class = 3)::INTEGER AS n_quad3,
    count(*) FILTER (WHERE quad_class = 4)::INTEGER AS n_quad4,
    min(event_date) AS first_date,
    max(event_date) AS last_date
FROM v_asserted_events
WHERE source_actor_code IS NOT NULL OR target_actor_code IS NOT NULL
GROUP BY source_actor_code, target_actor_code;
