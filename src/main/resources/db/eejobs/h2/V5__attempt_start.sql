-- An attempt counts only once it started: see the PostgreSQL migration of the same version.
ALTER TABLE eejobs_job ADD COLUMN start_recorded_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE eejobs_job ADD COLUMN expiries_unstarted INTEGER DEFAULT 0 NOT NULL;
