-- An attempt counts only once it started: see the PostgreSQL migration of the same version.
ALTER TABLE eejobs_job ADD COLUMN start_recorded_at DATETIME(6) NULL;
ALTER TABLE eejobs_job ADD COLUMN expiries_unstarted INT NOT NULL DEFAULT 0;
