"""The job queue: analysis runs claimed by a worker in the app (SQLite) or by procrastinate workers
(PostgreSQL). AnalysisRun rows are the source of truth; the queues only say "look at run N"."""
