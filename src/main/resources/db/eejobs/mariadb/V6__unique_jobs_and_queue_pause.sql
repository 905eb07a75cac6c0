-- Unique jobs: unique_key is the caller's key; unique_active holds it only while the job is active
-- (QUEUED or RUNNING), NULL otherwise. NULLs repeat in a unique index, so this index allows one
-- active job per (type, key) and any number of finished ones.
ALTER TABLE eejobs_job ADD COLUMN unique_key VARCHAR(200) NULL;
ALTER TABLE eejobs_job ADD COLUMN unique_active VARCHAR(200) NULL;
-- unique_active leads, so the planner never takes these indexes for a claim's job_type condition.
CREATE UNIQUE INDEX eejobs_job_unique_active ON eejobs_job (unique_active, job_type);
CREATE INDEX eejobs_job_unique_key ON eejobs_job (unique_key, job_type, finished_at);

-- Paused queues: a row with paused = TRUE keeps every node's claims off the queue.
CREATE TABLE eejobs_queue_state (
    queue_name VARCHAR(100) PRIMARY KEY,
    paused     BOOLEAN NOT NULL,
    changed_at DATETIME(6) NOT NULL
);
