-- One row per (event_date, cameo_root): events per day and kind. Counts asserted, dated events only.
CREATE OR REPLACE VIEW v_event_timeline AS
SELECT
    event_date,
    cameo_root,
    count(*)::INTEGER AS n_events,
    round(sum(goldstein), 2) AS goldstein_sum
FROM v_asserted_events
WHERE event_date IS NOT NULL
GROUP BY event_date, cameo_root;
