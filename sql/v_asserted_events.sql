-- One row per asserted CAMEO-coded event (reported as having happened: not negated, hypothetical,
-- future or conditional) in an article that is not a byte-for-byte copy of another, nor a near-copy
-- (articles.near_duplicate_of: syndicated or lightly edited copy) of one still in the warehouse.
-- The views that count what happened read this one; events no CAMEO code covers are left out.
CREATE OR REPLACE VIEW v_asserted_events AS
SELECT e.*
FROM events e
JOIN articles a USING (article_id)
WHERE e.modality = 'asserted' AND e.cameo_code IS NOT NULL AND a.duplicate_of IS NULL
  AND (a.near_duplicate_of IS NULL OR a.near_duplicate_of NOT IN (SELECT article_id FROM articles));
