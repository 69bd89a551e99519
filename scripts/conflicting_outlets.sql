SELECT outlet,
       sum(CASE WHEN verdict = 'conflict' THEN 1 ELSE 0 END) AS conflicts,
       round(100.0 * sum(CASE WHEN verdict = 'conflict' THEN 1 ELSE 0 END) / count(*), 1) AS pct_of_pairs
FROM (
    SELECT a_source AS outlet, verdict FROM 'discrepancies.parquet' WHERE metric = 'casualties'
    UNION ALL
    SELECT b_source AS outlet, verdict FROM 'discrepancies.parquet' WHERE metric = 'casualties'
)
GROUP BY outlet
ORDER BY conflicts DESC, outlet;
