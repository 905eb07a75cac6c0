-- The successful attempt on the job row: see the PostgreSQL migration of the same version.
ALTER TABLE eejobs_job ADD COLUMN success_node VARCHAR(200);
ALTER TABLE eejobs_job ADD COLUMN success_started_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE eejobs_job ADD COLUMN success_finished_at TIMESTAMP(6) WITH TIME ZONE;
