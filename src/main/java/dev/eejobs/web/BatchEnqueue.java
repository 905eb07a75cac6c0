package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a batch in one transaction: the first refused argument rolls back every job before it,
 * and the refusal names that argument's position.
 */
@ApplicationScoped
class BatchEnqueue {

    /** Most jobs one request may enqueue; larger batches are split by the client. */
    static final int MAX_JOBS = 1_000;

    @Inject
    JobQueue jobs;

    @Transactional
    public List<JobId> enqueue(String type, List<String> argumentsJson, JobOptions options) {
        List<JobId> ids = new ArrayList<>(argumentsJson.size());
        for (int i = 0; i < argumentsJson.size(); i++) {
            try {
                ids.add(jobs.enqueueJson(type, argumentsJson.get(i), options));
            } catch (InvalidJobException e) {
                if (!e.field().equals("argument")) {
                    throw e;
                }
                throw new InvalidJobException("arguments[" + i + "]", e.reason());
            }
        }
        return ids;
    }
}
