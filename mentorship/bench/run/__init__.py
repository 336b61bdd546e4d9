"""`make bench`: build a big generated college and measure the product on it.

The pieces, in the order the run uses them:

- config:    sizes (BENCH_* overrides), paths, the targets;
- databases: one database per size (SQLite files under .bench/, or PostgreSQL databases named
             after DATABASE_URL's), built once with migrate + generate_college and reused while
             their marker matches the parameters; scratch copies for steps that write;
- measure:   timing, query counting and the JSON record every step produces;
- pages:     the curator's and the director's pages through Django's test client;
- documents: KPI computation, the yearly KPI PDF, the order PDFs;
- xlsx:      import of 5,000 people (upload → preview → confirm) and export of 6,000;
- load:      survey submissions under concurrency against gunicorn on PostgreSQL;
- report:    the table (targets beside the figures) and bench-results.json;
- main:      the orchestration: one subprocess per size and step, with that DATABASE_URL.
"""
