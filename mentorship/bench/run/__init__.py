"""`make bench`: build a big generated college and measure the product on it.

The pieces, in the order the run uses them:

- config:    sizes (BENCH_* overrides), BENCH_DB, paths, the targets;
- databases: one database per size (PostgreSQL by default: the bench's own throw-away
             cluster, or databases named after DATABASE_URL's; SQLite files under .bench/
             with BENCH_DB=sqlite), built with migrate + generate_college and reused while
             their marker matches the parameters; scratch copies for steps that write;
- measure:   timing, query counting and the JSON record every step produces, with the
             floor's median and the figure's ratio to it;
- pages:     the curator's and the director's pages through Django's test client, beside a
             bare ModelAdmin changelist and a plain 25-row list (mentorship/bench/floors.py);
- documents: KPI computation, the yearly KPI PDF beside WeasyPrint alone on its HTML, the
             orders;
- xlsx:      import of 5,000 people (upload → preview → confirm) and export of 6,000, beside
             openpyxl read-only + bulk_create and openpyxl write-only of the same rows;
- load:      survey submissions under concurrency against gunicorn on PostgreSQL, beside a
             bare one-row POST through the same server;
- report:    the table (ratios and targets beside the figures) and bench-results.json;
- main:      the orchestration: one subprocess per size and step, with that DATABASE_URL.
"""
