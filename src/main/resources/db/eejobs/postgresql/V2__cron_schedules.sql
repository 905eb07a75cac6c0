-- A schedule ticks on a fixed interval or on a cron expression read in a time zone.
ALTER TABLE eejobs_schedule ALTER COLUMN interval_ms DROP NOT NULL;
ALTER TABLE eejobs_schedule ADD COLUMN cron varchar(200);
ALTER TABLE eejobs_schedule ADD COLUMN time_zone varchar(64);
