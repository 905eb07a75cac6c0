package dev.eejobs.web;

import java.util.List;

/**
 * The answer to a batch enqueue.
 *
 * @param ids the new jobs' ids, in the order of the request's arguments
 * @param status the state every new job starts in
 * @param batchId the batch's id (its on-complete job's id) when one was asked for, else null
 */
public record EnqueuedBatch(List<String> ids, String status, String batchId) {}
