-- Ids come in blocks of 100 (JobRecord.ID_BLOCK): START WITH keeps the first block positive.
CREATE SEQUENCE eejobs_job_seq START WITH 100 INCREMENT BY 100;

CREATE TABLE eejobs_job (
    id               BIGINT PRIMARY KEY,
    job_type         VARCHAR(200) NOT NULL,
    queue_name       VARCHAR(100) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    argument_json    VARCHAR(1048576) NOT NULL,
    priority         INTEGER      DEFAULT 0 NOT NULL,
    run_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    enqueued_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    attempts         INTEGER      DEFAULT 0 NOT NULL,
    max_retries      INTEGER      NOT NULL,
    backoff          VARCHAR(200) NOT NULL,
    heartbeat_ms     BIGINT       NOT NULL,
    lease_token      VARCHAR(36),
    lease_owner      VARCHAR(200),
    heartbeat_at     TIMESTAMP(6) WITH TIME ZONE,
    lease_expires_at TIMESTAMP(6) WITH TIME ZONE,
    started_at       TIMESTAMP(6) WITH TIME ZONE,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    last_error       VARCHAR(1048576),
    schedule_key     VARCHAR(300) UNIQUE
);

-- H2 has no partial indexes: status leads so the claim still skips finished jobs.
CREATE INDEX eejobs_job_claim ON eejobs_job (status, queue_name, priority DESC, run_at, id);
CREATE INDEX eejobs_job_lease ON eejobs_job (status, lease_expires_at);
CREATE INDEX eejobs_job_finished ON eejobs_job (status, finished_at);

CREATE TABLE eejobs_schedule (
    name          VARCHAR(200) PRIMARY KEY,
    job_type      VARCHAR(200) NOT NULL,
    argument_json VARCHAR(1048576) NOT NULL,
    interval_ms   BIGINT NOT NULL,
    next_fire_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
