-- Continuations and batches: a WAITING job waits for its parent (parent_id) to succeed, or, as a
-- batch's on-complete job (batch_id = its own id), for every job of its batch (batch_id) to finish.
ALTER TABLE eejobs_job ADD COLUMN parent_id bigint;
ALTER TABLE eejobs_job ADD COLUMN batch_id bigint;
-- Only waiting children are looked up by parent: the index holds nothing else.
CREATE INDEX eejobs_job_waiting_parent ON eejobs_job (parent_id) WHERE status = 'WAITING';
CREATE INDEX eejobs_job_waiting ON eejobs_job (id) WHERE status = 'WAITING';
CREATE INDEX eejobs_job_batch ON eejobs_job (batch_id, status) WHERE batch_id IS NOT NULL;
-- Schedule control: paused schedules fire nothing; overlap 'skip' skips a tick while the previous
-- tick's job (last_job_id) has not finished, 'allow' fires regardless.
ALTER TABLE eejobs_schedule ADD COLUMN paused boolean NOT NULL DEFAULT false;
ALTER TABLE eejobs_schedule ADD COLUMN overlap varchar(10) NOT NULL DEFAULT 'skip';
ALTER TABLE eejobs_schedule ADD COLUMN last_job_id bigint;
ALTER TABLE eejobs_schedule ADD COLUMN last_fired_at timestamptz;
