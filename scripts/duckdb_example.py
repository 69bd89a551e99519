#!/usr/bin/env python3
"""Run the README's DuckDB query (conflicting_outlets.sql beside this script) over the Parquet
files crosscheck wrote into DIR: `discrepancies.parquet` (and `claims.parquet`).

    cargo build --release --features parquet
    crosscheck discrepancies --all --format parquet --output DIR/discrepancies.parquet
    python3 scripts/duckdb_example.py DIR

Prints one line per outlet, tab-separated: name, how many casualty conflicts it is a side of,
and what share of its casualty pairs those are (write the file with --all for that share). An
unknown outlet prints as "?". Needs `pip install duckdb`.
"""
import os
import sys

import duckdb


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sql_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conflicting_outlets.sql")
    with open(sql_path, encoding="utf-8") as f:
        sql = f.read()
    os.chdir(sys.argv[1])
    for outlet, conflicts, pct in duckdb.connect().execute(sql).fetchall():
        print(f"{outlet if outlet is not None else '?'}\t{conflicts}\t{pct}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
