-- A schedule ticks on a fixed interval or on a cron expression read in a time zone.
ALTER TABLE eejobs_schedule MODIFY interval_ms BIGINT NULL;
ALTER TABLE eejobs_schedule ADD COLUMN cron VARCHAR(200);
ALTER TABLE eejobs_schedule ADD COLUMN time_zone VARCHAR(64);
