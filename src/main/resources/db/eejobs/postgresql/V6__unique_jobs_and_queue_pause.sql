-- Unique jobs: unique_key is the caller's key; unique_active holds it only while the job is active
-- (QUEUED or RUNNING), NULL otherwise. The index is not partial so that
-- INSERT ... ON CONFLICT (job_type, unique_active) can name it; NULLs never conflict.
ALTER TABLE eejobs_job ADD COLUMN unique_key varchar(200);
ALTER TABLE eejobs_job ADD COLUMN unique_active varchar(200);
CREATE UNIQUE INDEX eejobs_job_unique_active ON eejobs_job (job_type, unique_active);
-- For "a SUCCEEDED job with the key deduplicates for a while": only keyed jobs are indexed.
CREATE INDEX eejobs_job_unique_key ON eejobs_job (job_type, unique_key, finished_at) WHERE unique_key IS NOT NULL;

-- Paused queues: a row with paused = true keeps every node's claims off the queue.
CREATE TABLE eejobs_queue_state (
    queue_name varchar(100) PRIMARY KEY,
    paused     boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
