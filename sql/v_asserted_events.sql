-- One row per asserted CAMEO-coded event (reported as having happened: not negated, hypothetical,
-- future or conditional) in an article that is not a byte-for-byte copy of another, nor a near-copy
-- (articles.near_duplicate_of: syndicated or lightly edited copy) of one still in the warehouse.
-- The views that count what happened read this one; it reads v_coded_events, so events no CAMEO code
-- covers and events below the warehouse's --min-confidence are left out.
-- global_event_id is the happening's stable integer id (GDELT's GLOBALEVENTID): the first 52 bits of the
-- MD5 of 'YYYYMMDD|source actor code|target actor code|CAMEO code' (absent parts empty), so every run and
-- any tool gives the same id, and it stays exact where numbers are doubles (JSON, R, JavaScript).
CREATE OR REPLACE VIEW v_asserted_events AS
SELECT e.*,
    ('0x' || left(md5(concat_ws('|', coalesce(strftime(e.event_date, '%Y%m%d'), ''),
        coalesce(e.source_actor_code, ''), coalesce(e.target_actor_code, ''), e.cameo_code)), 13))::BIGINT
        AS global_event_id
FROM v_coded_events e
JOIN articles a USING (article_id)
WHERE e.modality = 'asserted' AND a.duplicate_of IS NULL
  AND (a.near_duplicate_of IS NULL OR a.near_duplicate_of NOT IN (SELECT article_id FROM articles));
