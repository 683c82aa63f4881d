"""The job queue, knowing no feature: features register their kinds of run (consult.jobs.registry); a
worker in the app (SQLite) or procrastinate workers (PostgreSQL) claim them. The run rows are the source
of truth; the queues only say "look at run N"."""
