-- Continuations and batches: a WAITING job waits for its parent (parent_id) to succeed, or, as a
-- batch's on-complete job (batch_id = its own id), for every job of its batch (batch_id) to finish.
ALTER TABLE eejobs_job ADD COLUMN parent_id BIGINT;
ALTER TABLE eejobs_job ADD COLUMN batch_id BIGINT;
CREATE INDEX eejobs_job_parent ON eejobs_job (parent_id, status);
CREATE INDEX eejobs_job_batch ON eejobs_job (batch_id, status);
-- Schedule control: paused schedules fire nothing; overlap 'skip' skips a tick while the previous
-- tick's job (last_job_id) has not finished, 'allow' fires regardless.
ALTER TABLE eejobs_schedule ADD COLUMN paused BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE eejobs_schedule ADD COLUMN overlap VARCHAR(10) DEFAULT 'skip' NOT NULL;
ALTER TABLE eejobs_schedule ADD COLUMN last_job_id BIGINT;
ALTER TABLE eejobs_schedule ADD COLUMN last_fired_at TIMESTAMP(6) WITH TIME ZONE;
