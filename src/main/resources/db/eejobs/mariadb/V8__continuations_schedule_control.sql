-- Continuations and batches: see the H2 migration of the same version.
ALTER TABLE eejobs_job ADD COLUMN parent_id BIGINT NULL;
ALTER TABLE eejobs_job ADD COLUMN batch_id BIGINT NULL;
CREATE INDEX eejobs_job_parent ON eejobs_job (parent_id, status);
CREATE INDEX eejobs_job_batch ON eejobs_job (batch_id, status);
ALTER TABLE eejobs_schedule ADD COLUMN paused BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE eejobs_schedule ADD COLUMN overlap VARCHAR(10) NOT NULL DEFAULT 'skip';
ALTER TABLE eejobs_schedule ADD COLUMN last_job_id BIGINT NULL;
ALTER TABLE eejobs_schedule ADD COLUMN last_fired_at DATETIME(6) NULL;
