-- The claim must never walk jobs that are not due yet. With priority leading the index, run_at
-- could not bound the scan, so a queue with many scheduled jobs made every claim read them all.
-- Unprioritised jobs (the usual case) get an index led by run_at; the rare prioritised ones
-- their own, small one.
DROP INDEX eejobs_job_claim;
CREATE INDEX eejobs_job_claim ON eejobs_job (queue_name, run_at, id) WHERE status = 'QUEUED' AND priority = 0;
CREATE INDEX eejobs_job_claim_prioritised ON eejobs_job (queue_name, priority DESC, run_at, id)
    WHERE status = 'QUEUED' AND priority <> 0;
