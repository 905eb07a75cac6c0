-- MariaDB 10.6+ (SKIP LOCKED). Ids come in blocks of 100 (JobRecord.ID_BLOCK).
CREATE SEQUENCE eejobs_job_seq START WITH 100 INCREMENT BY 100;

CREATE TABLE eejobs_job (
    id               BIGINT       PRIMARY KEY,
    job_type         VARCHAR(200) NOT NULL,
    queue_name       VARCHAR(100) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    argument_json    MEDIUMTEXT   NOT NULL,
    priority         INT          NOT NULL DEFAULT 0,
    run_at           DATETIME(6)  NOT NULL,
    enqueued_at      DATETIME(6)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    max_retries      INT          NOT NULL,
    backoff          VARCHAR(200) NOT NULL,
    heartbeat_ms     BIGINT       NOT NULL,
    lease_token      VARCHAR(36),
    lease_owner      VARCHAR(200),
    heartbeat_at     DATETIME(6),
    lease_expires_at DATETIME(6),
    started_at       DATETIME(6),
    finished_at      DATETIME(6),
    last_error       MEDIUMTEXT,
    schedule_key     VARCHAR(300) UNIQUE,
    INDEX eejobs_job_claim (status, queue_name, priority, run_at, id),
    INDEX eejobs_job_lease (status, lease_expires_at),
    INDEX eejobs_job_finished (status, finished_at)
) ENGINE = InnoDB;

CREATE TABLE eejobs_schedule (
    name          VARCHAR(200) PRIMARY KEY,
    job_type      VARCHAR(200) NOT NULL,
    argument_json MEDIUMTEXT   NOT NULL,
    interval_ms   BIGINT       NOT NULL,
    next_fire_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB;
