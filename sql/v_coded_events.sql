-- One row per event the warehouse counts, whatever its modality: CAMEO-coded, and at or above the
-- confidence the warehouse counts from (newsfacts_meta `min_confidence`, set by `newsfacts run
-- --min-confidence`; no threshold recorded counts every coded event). `events` keeps every event found;
-- this is the one place that says which of them count: the views, the report and the exports read it.
CREATE OR REPLACE VIEW v_coded_events AS
SELECT e.*
FROM events e
WHERE e.cameo_code IS NOT NULL
  AND coalesce(e.confidence, 0) >= coalesce(
      (SELECT TRY_CAST(value AS DOUBLE) FROM newsfacts_meta WHERE key = 'min_confidence'), 0);
