package dev.eejobs.web;

import java.util.List;

/**
 * The answer to a batch enqueue.
 *
 * @param ids the new jobs' ids, in the order of the request's arguments
 * @param status the state every new job starts in
 */
public record EnqueuedBatch(List<String> ids, String status) {}
