-- An attempt counts only once it started: the worker's start is recorded here (by the first
-- lease renewal after the start), and a lease that expires without one gives the attempt back.
-- expiries_unstarted bounds how often that can happen to one job.
ALTER TABLE eejobs_job ADD COLUMN start_recorded_at timestamptz;
ALTER TABLE eejobs_job ADD COLUMN expiries_unstarted integer NOT NULL DEFAULT 0;
