-- The successful attempt on the job row: see the PostgreSQL migration of the same version.
ALTER TABLE eejobs_job ADD COLUMN success_node VARCHAR(200) NULL;
ALTER TABLE eejobs_job ADD COLUMN success_started_at DATETIME(6) NULL;
ALTER TABLE eejobs_job ADD COLUMN success_finished_at DATETIME(6) NULL;
