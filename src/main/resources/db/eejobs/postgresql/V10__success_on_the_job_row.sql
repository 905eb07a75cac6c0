-- A successful attempt is the job's last: its history row is kept on the job row itself, written
-- by the completion's own update, instead of an eejobs_attempt row (an insert with its identity,
-- two index entries and a foreign-key check for every job that succeeds: about a quarter of the
-- drain's cost). eejobs_attempt keeps the attempts that did not succeed; the history read joins
-- the two. Nullable without a default: adding them rewrites nothing.
ALTER TABLE eejobs_job ADD COLUMN success_node varchar(200);
ALTER TABLE eejobs_job ADD COLUMN success_started_at timestamptz;
ALTER TABLE eejobs_job ADD COLUMN success_finished_at timestamptz;

-- Only scheduled jobs carry a schedule key, but a UNIQUE constraint indexes every row, NULL or
-- not: one more index entry on every insert and on every state change (these updates are never
-- HOT). A partial unique index holds the keyed rows only and refuses the same duplicates.
ALTER TABLE eejobs_job DROP CONSTRAINT eejobs_job_schedule_key_key;
CREATE UNIQUE INDEX eejobs_job_schedule_key ON eejobs_job (schedule_key) WHERE schedule_key IS NOT NULL;
