-- Job control: see the PostgreSQL migration of the same version.
ALTER TABLE eejobs_job ADD COLUMN timeout_millis BIGINT NOT NULL DEFAULT 0;
ALTER TABLE eejobs_job ADD COLUMN cancel_requested_at DATETIME(6) NULL;
ALTER TABLE eejobs_job ADD COLUMN progress SMALLINT NULL;
ALTER TABLE eejobs_job ADD COLUMN progress_message VARCHAR(500) NULL;

CREATE TABLE eejobs_attempt (
    id          BIGINT       AUTO_INCREMENT PRIMARY KEY,
    job_id      BIGINT       NOT NULL,
    attempt     INT          NOT NULL,
    node        VARCHAR(200),
    started_at  DATETIME(6)  NULL,
    finished_at DATETIME(6)  NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    error       TEXT,
    trace       TEXT,
    duration_ms BIGINT,
    INDEX eejobs_attempt_job (job_id, id),
    CONSTRAINT eejobs_attempt_job_fk FOREIGN KEY (job_id) REFERENCES eejobs_job (id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE TABLE eejobs_job_log (
    id        BIGINT       AUTO_INCREMENT PRIMARY KEY,
    job_id    BIGINT       NOT NULL,
    attempt   INT          NOT NULL,
    logged_at DATETIME(6)  NOT NULL,
    message   VARCHAR(500) NOT NULL,
    INDEX eejobs_job_log_job (job_id, id),
    CONSTRAINT eejobs_job_log_job_fk FOREIGN KEY (job_id) REFERENCES eejobs_job (id) ON DELETE CASCADE
) ENGINE = InnoDB;
