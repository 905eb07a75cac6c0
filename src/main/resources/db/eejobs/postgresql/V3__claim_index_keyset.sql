-- The claim walks the QUEUED index in claim order, (-priority, run_at, id), and can start at a
-- keyset position: a busy fetcher resumes after the last job it claimed instead of stepping over
-- the index entries its earlier claims left dead (they stay until VACUUM).
DROP INDEX eejobs_job_claim;
CREATE INDEX eejobs_job_claim ON eejobs_job (queue_name, (-priority), run_at, id) WHERE status = 'QUEUED';

-- A queue table churns: vacuum it after a few thousand changes, not after 20% of the table.
ALTER TABLE eejobs_job SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 2000,
    autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
