-- Ids come in blocks of 100 (JobRecord.ID_BLOCK): START WITH keeps the first block positive.
CREATE SEQUENCE eejobs_job_seq START WITH 100 INCREMENT BY 100;

CREATE TABLE eejobs_job (
    id               bigint       PRIMARY KEY,
    job_type         varchar(200) NOT NULL,
    queue_name       varchar(100) NOT NULL,
    status           varchar(16)  NOT NULL,
    argument_json    text         NOT NULL,
    priority         integer      NOT NULL DEFAULT 0,
    run_at           timestamptz  NOT NULL,
    enqueued_at      timestamptz  NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    max_retries      integer      NOT NULL,
    backoff          varchar(200) NOT NULL,
    heartbeat_ms     bigint       NOT NULL,
    lease_token      varchar(36),
    lease_owner      varchar(200),
    heartbeat_at     timestamptz,
    lease_expires_at timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    last_error       text,
    schedule_key     varchar(300) UNIQUE
);

-- The claim reads only due QUEUED rows of one queue in claim order: finished and running jobs
-- are not in this index at all.
CREATE INDEX eejobs_job_claim ON eejobs_job (queue_name, priority DESC, run_at, id) WHERE status = 'QUEUED';
CREATE INDEX eejobs_job_lease ON eejobs_job (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX eejobs_job_finished ON eejobs_job (finished_at) WHERE status IN ('SUCCEEDED', 'CANCELLED');
CREATE INDEX eejobs_job_queued_type ON eejobs_job (job_type) WHERE status = 'QUEUED';

CREATE TABLE eejobs_schedule (
    name          varchar(200) PRIMARY KEY,
    job_type      varchar(200) NOT NULL,
    argument_json text         NOT NULL,
    interval_ms   bigint       NOT NULL,
    next_fire_at  timestamptz  NOT NULL
);
