-- The node registry (issue 13): every engine keeps one row here, renewed with its heartbeat, so
-- the dashboard shows the nodes working this database. A row whose heartbeat is a few intervals
-- old belongs to a node that is gone; rows older than an hour are deleted by any live node.
CREATE TABLE eejobs_node (
    name         varchar(200)  PRIMARY KEY,
    version      varchar(50)   NOT NULL,
    queues       varchar(4000) NOT NULL,
    workers      integer       NOT NULL,
    busy         integer       NOT NULL,
    started_at   timestamptz   NOT NULL,
    heartbeat_at timestamptz   NOT NULL,
    draining     boolean       NOT NULL
);

-- The dashboard's throughput chart counts jobs finished per minute over the last hour: DEAD jobs
-- were in no index on finished_at (eejobs_job_finished holds SUCCEEDED and CANCELLED only).
CREATE INDEX eejobs_job_dead_finished ON eejobs_job (finished_at) WHERE status = 'DEAD';
-- The dashboard's counts by queue and state read this index only, not the table, and a listing
-- filtered by state and queue walks it newest first (keyset on id). It costs one more index entry
-- per status change (the partial indexes already keep those updates from being HOT).
CREATE INDEX eejobs_job_status_queue ON eejobs_job (status, queue_name, id);
-- Failed attempts per minute for the throughput chart: only failures are in this index.
CREATE INDEX eejobs_attempt_failed ON eejobs_attempt (finished_at) WHERE outcome IN ('FAILED', 'TIMED_OUT', 'LEASE_EXPIRED');
-- A job's continuations in any state (eejobs_job_waiting_parent holds the WAITING ones only); jobs
-- without a parent are not in it.
CREATE INDEX eejobs_job_parent ON eejobs_job (parent_id) WHERE parent_id IS NOT NULL;
