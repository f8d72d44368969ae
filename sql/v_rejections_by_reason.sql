-- One row per reason code: how many files were turned away, and an example of each.
CREATE OR REPLACE VIEW v_rejections_by_reason AS
SELECT
    reason_code,
    count(*) AS n_files,
    min(path) AS example_path,
    arg_min(reason, path) AS example_reason
FROM rejected_articles
GROUP BY reason_code
ORDER BY n_files DESC, reason_code;
