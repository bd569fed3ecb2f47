package dev.switchboard.thread;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The Support Inbox's list: tabs by status with their counts, search and filters, pages, sorts. */
@Repository
class ThreadQueries {

    private static final String FILTERS = """
            WHERE (CAST(:priority AS text) IS NULL OR t.priority = :priority)
              AND (CAST(:assignee AS text) IS NULL OR t.assignee = :assignee)
              AND (NOT :unassigned OR t.assignee IS NULL)
              AND (CAST(:type AS text) IS NULL OR t.query_type = :type)
              AND (CAST(:like AS text) IS NULL OR t.code ILIKE :like OR t.subject ILIKE :like OR t.requester_name ILIKE :like
                   OR t.requester_email ILIKE :like OR t.reference ILIKE :like
                   OR EXISTS (SELECT 1 FROM thread_messages m WHERE m.thread_id = t.id AND m.body ILIKE :like))
            """;
    private static final String LIST = """
            SELECT t.*, count(*) OVER () AS total FROM threads t
            LEFT JOIN sla_subject_due s ON s.subject_kind = 'THREAD' AND s.subject_key = t.id::text
            """ + FILTERS + """
              AND (CAST(:status AS text) IS NULL OR t.status = :status)
            ORDER BY %s
            LIMIT :limit OFFSET :offset
            """;
    private static final String COUNTS = "SELECT t.status, count(*) AS n FROM threads t " + FILTERS + " GROUP BY t.status";

    private final JdbcClient jdbc;

    ThreadQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ThreadPage list(ThreadFilter filter, int page, int size) {
        long[] total = {0};
        List<ThreadRepository.ThreadRow> rows = bind(jdbc.sql(LIST.formatted(filter.sort().orderBy)), filter)
                .param("status", filter.tab() == null ? null : filter.tab().name())
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> {
                    total[0] = rs.getLong("total");
                    return ThreadRepository.row(rs, n);
                }).list();
        Map<ThreadStatus, Long> counts = new EnumMap<>(ThreadStatus.class);
        for (ThreadStatus s : ThreadStatus.values()) {
            counts.put(s, 0L);
        }
        bind(jdbc.sql(COUNTS), filter).query((rs, n) -> counts.put(ThreadStatus.valueOf(rs.getString("status")), rs.getLong("n"))).list();
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        if (rows.isEmpty() && page > 0) {
            total[0] = filter.tab() == null ? all : counts.get(filter.tab());
        }
        return new ThreadPage(rows, page, size, total[0], all, counts);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, ThreadFilter filter) {
        return spec.param("priority", filter.priority() == null ? null : filter.priority().name())
                .param("assignee", filter.unassigned() ? null : filter.assignee())
                .param("unassigned", filter.unassigned())
                .param("type", filter.queryType())
                .param("like", filter.search() == null ? null : "%" + escapeLike(filter.search()) + "%");
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** @param tab null: all statuses */
    record ThreadFilter(ThreadStatus tab, String search, Priority priority, String assignee, boolean unassigned,
                        String queryType, ThreadSort sort) {
    }

    enum ThreadSort {
        /** the most urgent SLA due instant first (as the SLA module publishes it); threads without a running clock after */
        SLA("s.next_due_at NULLS LAST, t.updated_at DESC, t.id"),
        UPDATED("t.updated_at DESC, t.id"),
        CREATED("t.created_at DESC, t.id"),
        OLDEST("t.created_at, t.id"),
        PRIORITY("CASE t.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, t.updated_at DESC, t.id");

        private final String orderBy;

        ThreadSort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /** @param total threads matching the filters in the chosen tab; all: in every tab; counts: per tab */
    record ThreadPage(List<ThreadRepository.ThreadRow> items, int page, int size, long total, long all,
                      Map<ThreadStatus, Long> counts) {
    }
}
