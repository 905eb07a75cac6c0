-- Unique jobs: unique_key is the caller's key; unique_active holds it only while the job is active
-- (QUEUED or RUNNING), NULL otherwise: one active job per (type, key). Partial, so jobs without a key
-- cost no index entry on their inserts and state changes, and unique_active leads, so the planner
-- never takes it for a claim's job_type condition. INSERT ... ON CONFLICT (job_type, unique_active)
-- WHERE unique_active IS NOT NULL names it.
ALTER TABLE eejobs_job ADD COLUMN unique_key varchar(200);
ALTER TABLE eejobs_job ADD COLUMN unique_active varchar(200);
CREATE UNIQUE INDEX eejobs_job_unique_active ON eejobs_job (unique_active, job_type) WHERE unique_active IS NOT NULL;
-- For "a SUCCEEDED job with the key deduplicates for a while": only keyed jobs are indexed.
CREATE INDEX eejobs_job_unique_key ON eejobs_job (unique_key, job_type, finished_at) WHERE unique_key IS NOT NULL;

-- Paused queues: a row with paused = true keeps every node's claims off the queue.
CREATE TABLE eejobs_queue_state (
    queue_name varchar(100) PRIMARY KEY,
    paused     boolean NOT NULL,
    changed_at timestamptz NOT NULL
);
