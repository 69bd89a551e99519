SELECT outlet, count(*) AS conflicts
FROM (
    SELECT a_source AS outlet FROM 'discrepancies.parquet'
    WHERE verdict = 'conflict' AND metric = 'casualties'
    UNION ALL
    SELECT b_source FROM 'discrepancies.parquet'
    WHERE verdict = 'conflict' AND metric = 'casualties'
)
GROUP BY outlet
ORDER BY conflicts DESC, outlet;
