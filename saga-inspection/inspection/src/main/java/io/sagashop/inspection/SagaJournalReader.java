package io.sagashop.inspection;

import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.PendingDeadlineView;
import io.sagashop.inspection.api.SagaAssociationView;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads the journal for the protocol's answers, the gauges and the application's own use (e.g.
 * its consistency checks asking for stuck sagas). STUCK is derived when asked, never stored: an
 * active saga without progress for longer than {@code stuck-after}, past its due-at, or without a
 * pending deadline (a running saga always waits on one; one that waits on none waits forever).
 * Associations come from Axon's association table, so they are exactly what the saga store holds.
 */
public class SagaJournalReader {

    private static final Logger LOGGER = LoggerFactory.getLogger(SagaJournalReader.class);
    private static final String COLUMNS =
            "saga_id, saga_type, business_key, state, current_step, started_at, last_activity_at, due_at";
    /** Over {@code saga_inspection_saga} as {@code s}. */
    private static final String STUCK = "(s.last_activity_at < :quietSince OR (s.due_at IS NOT NULL AND s.due_at < :now)"
            + " OR NOT EXISTS (SELECT 1 FROM saga_inspection_deadline d WHERE d.saga_id = s.saga_id))";

    private final NamedParameterJdbcTemplate jdbc;
    private final SagaInspectionProperties properties;
    private final Clock clock;

    public SagaJournalReader(DataSource dataSource, SagaInspectionProperties properties, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The sagas matching the query, most recently active first.
     *
     * @throws IllegalArgumentException naming {@code limit} when it is not between 1 and {@link FindSagasQuery#MAX_LIMIT}
     */
    public List<SagaSummaryView> find(FindSagasQuery query) {
        if (query.limit() < 1 || query.limit() > FindSagasQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + FindSagasQuery.MAX_LIMIT + ", not " + query.limit());
        }
        Instant now = clock.instant();
        MapSqlParameterSource parameters = stuckParameters(now).addValue("limit", query.limit());
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        if (query.state() == SagaState.STUCK) {
            where.append(" AND s.state = 'ACTIVE' AND ").append(STUCK);
        } else if (query.state() == SagaState.ACTIVE) {
            where.append(" AND s.state = 'ACTIVE' AND NOT ").append(STUCK);
        } else if (query.state() != null) {
            where.append(" AND s.state = :state");
            parameters.addValue("state", query.state().name());
        }
        if (query.sagaType() != null) {
            where.append(" AND s.saga_type = :sagaType");
            parameters.addValue("sagaType", query.sagaType());
        }
        if (query.key() != null) {
            where.append(" AND s.business_key = :key");
            parameters.addValue("key", query.key());
        }
        if (query.olderThan() != null) {
            where.append(" AND s.started_at < :olderThan");
            parameters.addValue("olderThan", Timestamp.from(query.olderThan()));
        }
        return summaries("SELECT " + COLUMNS + " FROM saga_inspection_saga s " + where
                + " ORDER BY s.last_activity_at DESC, s.saga_id LIMIT :limit", parameters, now);
    }

    /** One saga at a glance, if the journal has it. */
    public Optional<SagaSummaryView> summary(String sagaId) {
        Instant now = clock.instant();
        return summaries("SELECT " + COLUMNS + " FROM saga_inspection_saga s WHERE s.saga_id = :sagaId",
                stuckParameters(now).addValue("sagaId", sagaId), now).stream().findFirst();
    }

    /** One saga of the type in full, oldest timeline entry first, if the journal has it. */
    public Optional<SagaDetailView> detail(String sagaType, String sagaId) {
        return summary(sagaId).filter(summary -> summary.sagaType().equals(sagaType)).map(summary -> new SagaDetailView(summary,
                jdbc.query("SELECT at, kind, message_name, service, detail FROM saga_inspection_timeline WHERE saga_id = :sagaId "
                                + "ORDER BY at, id", new MapSqlParameterSource("sagaId", sagaId),
                        (row, i) -> new SagaTimelineEntryView(instant(row, "at"), SagaTimelineEntryKind.valueOf(row.getString("kind")),
                                row.getString("message_name"), row.getString("service"), row.getString("detail")))));
    }

    /**
     * How many sagas of each type are in each state now, STUCK counted apart from ACTIVE. Ended
     * sagas from their counts ({@code saga_inspection_ended}, kept as they end and are pruned),
     * running ones from the running rows only, so the cost follows the sagas in flight, not the
     * history the journal keeps (a grouped count over every saga read 52 800 rows per refresh
     * after 52 500 orders, the database's largest reader; docs/performance.md, "History").
     */
    public Map<String, Map<SagaState, Long>> counts() {
        Map<String, Map<SagaState, Long>> counts = new HashMap<>();
        jdbc.query("SELECT saga_type, state, SUM(sagas) AS n FROM saga_inspection_ended GROUP BY saga_type, state",
                (ResultSet row) -> {
                    counts.computeIfAbsent(row.getString("saga_type"), type -> new HashMap<>())
                            .put(SagaState.valueOf(row.getString("state")), row.getLong("n"));
                });
        jdbc.query("SELECT saga_type, COUNT(*) AS n FROM saga_inspection_saga WHERE state = 'ACTIVE' GROUP BY saga_type",
                (ResultSet row) -> {
                    counts.computeIfAbsent(row.getString("saga_type"), type -> new HashMap<>())
                            .put(SagaState.ACTIVE, row.getLong("n"));
                });
        jdbc.query("SELECT s.saga_type, COUNT(*) AS n FROM saga_inspection_saga s WHERE s.state = 'ACTIVE' AND " + STUCK
                        + " GROUP BY s.saga_type", stuckParameters(clock.instant()),
                (ResultSet row) -> {
                    Map<SagaState, Long> type = counts.computeIfAbsent(row.getString("saga_type"), t -> new HashMap<>());
                    long stuck = row.getLong("n");
                    type.put(SagaState.STUCK, stuck);
                    type.merge(SagaState.ACTIVE, -stuck, Long::sum);
                });
        return counts;
    }

    private MapSqlParameterSource stuckParameters(Instant now) {
        return new MapSqlParameterSource()
                .addValue("now", Timestamp.from(now))
                .addValue("quietSince", Timestamp.from(now.minus(properties.stuckAfter())));
    }

    private List<SagaSummaryView> summaries(String sql, MapSqlParameterSource parameters, Instant now) {
        List<Row> rows = jdbc.query(sql, parameters, (row, i) -> new Row(row.getString("saga_id"), row.getString("saga_type"),
                row.getString("business_key"), SagaState.valueOf(row.getString("state")), row.getString("current_step"),
                instant(row, "started_at"), instant(row, "last_activity_at"), instant(row, "due_at")));
        if (rows.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", rows.stream().map(Row::sagaId).toList());
        Map<String, List<PendingDeadlineView>> deadlines = new HashMap<>();
        jdbc.query("SELECT saga_id, deadline_name, deadline_id, due_at FROM saga_inspection_deadline WHERE saga_id IN (:ids) "
                + "ORDER BY due_at", ids, (ResultSet row) -> {
                    deadlines.computeIfAbsent(row.getString("saga_id"), id -> new ArrayList<>()).add(new PendingDeadlineView(
                            row.getString("deadline_name"), row.getString("deadline_id"), instant(row, "due_at")));
                });
        Map<String, List<SagaAssociationView>> associations = associations(ids);
        return rows.stream().map(row -> row.view(properties.application(), now, properties,
                deadlines.getOrDefault(row.sagaId(), List.of()), associations.getOrDefault(row.sagaId(), List.of()))).toList();
    }

    private Map<String, List<SagaAssociationView>> associations(MapSqlParameterSource ids) {
        Map<String, List<SagaAssociationView>> associations = new HashMap<>();
        try {
            jdbc.query("SELECT saga_id, association_key, association_value FROM " + properties.associationTable()
                    + " WHERE saga_id IN (:ids) ORDER BY association_key, association_value", ids, (ResultSet row) -> {
                        associations.computeIfAbsent(row.getString("saga_id"), id -> new ArrayList<>()).add(new SagaAssociationView(
                                row.getString("association_key"), row.getString("association_value")));
                    });
        } catch (DataAccessException noSuchTable) {
            // A saga store elsewhere (in memory, another schema): the rest of the answer still holds.
            LOGGER.debug("No saga associations from {}: {}", properties.associationTable(), noSuchTable.getMessage());
        }
        return associations;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private record Row(String sagaId, String sagaType, String key, SagaState state, String step, Instant startedAt,
                       Instant lastActivityAt, Instant dueAt) {

        SagaSummaryView view(String application, Instant now, SagaInspectionProperties properties,
                             List<PendingDeadlineView> deadlines, List<SagaAssociationView> associations) {
            boolean stuck = state == SagaState.ACTIVE && (lastActivityAt.isBefore(now.minus(properties.stuckAfter()))
                    || (dueAt != null && dueAt.isBefore(now)) || deadlines.isEmpty());
            return new SagaSummaryView(sagaType, sagaId, application, key, stuck ? SagaState.STUCK : state, step, startedAt,
                    lastActivityAt, dueAt, deadlines, associations);
        }
    }
}
