package dev.eejobs.store.jpa;

import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.store.JobQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link JobQueries} over JPA. Reads join the caller's transaction or run in a short one of their own; the one write is a
 * JPQL bulk delete conditioned on the job's state, so a job that left its final state in the
 * meantime is never deleted.
 */
@ApplicationScoped
public class JpaJobQueries implements JobQueries {

    private static final List<JobState> FINAL = List.of(JobState.SUCCEEDED, JobState.DEAD, JobState.CANCELLED);

    @Inject
    @ModuleUnit
    EntityManager em;

    @Inject
    JobsPersistence persistence;

    @Override
    @Transactional(TxType.REQUIRED)
    public List<JobInfo> list(JobFilter filter, Long beforeId, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = conditions(filter, null, parameters);
        if (beforeId != null) {
            conditions.add("j.id < :before");
            parameters.put("before", beforeId);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<JobRecord> query = em.createQuery("SELECT j FROM JobRecord j" + where + " ORDER BY j.id DESC",
                JobRecord.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList().stream().map(JobRecord::toInfo).toList();
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Map<Long, String> matchingIds(JobFilter filter, Instant enqueuedBefore, long afterId, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = conditions(filter, enqueuedBefore, parameters);
        conditions.add("j.id > :after");
        parameters.put("after", afterId);
        TypedQuery<Object[]> query = em.createQuery("SELECT j.id, j.queue FROM JobRecord j WHERE "
                + String.join(" AND ", conditions) + " ORDER BY j.id", Object[].class);
        parameters.forEach(query::setParameter);
        Map<Long, String> ids = new LinkedHashMap<>();
        for (Object[] row : query.setMaxResults(limit).getResultList()) {
            ids.put(((Number) row[0]).longValue(), (String) row[1]);
        }
        return ids;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public long count(JobFilter filter, Instant enqueuedBefore) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = conditions(filter, enqueuedBefore, parameters);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(j) FROM JobRecord j" + where, Long.class);
        parameters.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /** The filter's conditions on {@code j}, their parameters put into {@code parameters}. */
    private static List<String> conditions(JobFilter filter, Instant enqueuedBefore, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.state() != null) {
            conditions.add("j.status = :state");
            parameters.put("state", filter.state());
        }
        if (filter.type() != null) {
            conditions.add("j.type = :type");
            parameters.put("type", filter.type());
        }
        if (filter.queue() != null) {
            conditions.add("j.queue = :queue");
            parameters.put("queue", filter.queue());
        }
        if (enqueuedBefore != null) {
            conditions.add("j.enqueuedAt < :enqueuedBefore");
            parameters.put("enqueuedBefore", Utc.of(enqueuedBefore));
        }
        return conditions;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Map<String, Map<JobState, Long>> countsByQueue() {
        Map<String, Map<JobState, Long>> counts = new TreeMap<>();
        List<Object[]> rows = em.createQuery(
                "SELECT j.queue, j.status, COUNT(j) FROM JobRecord j GROUP BY j.queue, j.status", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], q -> new EnumMap<>(JobState.class))
                    .put((JobState) row[1], ((Number) row[2]).longValue());
        }
        return counts;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Map<String, Instant> oldestDueByQueue(Instant now) {
        Map<String, Instant> oldest = new TreeMap<>();
        List<Object[]> rows = em.createQuery("SELECT j.queue, MIN(j.runAt) FROM JobRecord j"
                        + " WHERE j.status = :queued AND j.runAt <= :now GROUP BY j.queue", Object[].class)
                .setParameter("queued", JobState.QUEUED)
                .setParameter("now", Utc.of(now))
                .getResultList();
        for (Object[] row : rows) {
            if (row[1] != null) { // a time the driver cannot represent (MariaDB's zero date) reads as null
                oldest.put((String) row[0], Utc.instant((OffsetDateTime) row[1]));
            }
        }
        return oldest;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean deleteFinished(long id) {
        return em.createQuery("DELETE FROM JobRecord j WHERE j.id = :id AND j.status IN :final")
                .setParameter("id", id)
                .setParameter("final", FINAL)
                .executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public List<ScheduleSpec> schedules(int limit) {
        return em.createQuery("SELECT s FROM ScheduleRecord s ORDER BY s.name", ScheduleRecord.class)
                .setMaxResults(limit)
                .getResultList().stream().map(ScheduleRecord::toSpec).toList();
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Optional<ScheduleSpec> schedule(String name) {
        return Optional.ofNullable(em.find(ScheduleRecord.class, name)).map(ScheduleRecord::toSpec);
    }

    /** Plain JDBC with a hard deadline ({@link DatabaseProbe}), outside any transaction. */
    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void ping(Duration timeout) {
        DatabaseProbe.ping(persistence.dataSource(), timeout);
    }
}
