-- One row per (event_date, cameo_root): events per day and kind. Counts asserted, dated events only: an
-- event is dated by a day its sentence names, else by its article's published date (front matter
-- `published:`, or a feed's, page's or table's date field); articles with neither (the seed) give no rows.
-- Rounded as round(x * 10^n) / 10^n (half away from zero on the value as printed), not round(x, n):
-- DuckDB 2's round(x, n) rounds the binary double (-0.6375 gives -0.637; DuckDB 1 gave -0.638).
CREATE OR REPLACE VIEW v_event_timeline AS
SELECT
    event_date,
    cameo_root,
    count(*)::INTEGER AS n_events,
    round(sum(goldstein) * 100) / 100 AS goldstein_sum
FROM v_asserted_events
WHERE event_date IS NOT NULL
GROUP BY event_date, cameo_root;
