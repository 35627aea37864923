"""Generator of a large, fictional council for benchmarks (`manage.py generate_council`).

sizes.py holds the presets, build.py turns a seed into rows (pure Python, no database),
writer.py writes those rows in bulk (SQLite executemany, PostgreSQL COPY) and load.py ties
them together against a database."""
