-- The node registry (issue 13): see the PostgreSQL migration of the same version.
CREATE TABLE eejobs_node (
    name         VARCHAR(200)  PRIMARY KEY,
    version      VARCHAR(50)   NOT NULL,
    queues       VARCHAR(4000) NOT NULL,
    workers      INT           NOT NULL,
    busy         INT           NOT NULL,
    started_at   DATETIME(6)   NOT NULL,
    heartbeat_at DATETIME(6)   NOT NULL,
    draining     BOOLEAN       NOT NULL
) ENGINE = InnoDB;
CREATE INDEX eejobs_job_status_queue ON eejobs_job (status, queue_name, id);
-- failed attempts per minute for the throughput chart; continuations are found by V8's (parent_id, status) index
CREATE INDEX eejobs_attempt_failed ON eejobs_attempt (outcome, finished_at);
