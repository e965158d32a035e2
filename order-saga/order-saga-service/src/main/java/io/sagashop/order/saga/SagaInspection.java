package io.sagashop.order.saga;

import io.sagashop.order.api.FindSagaQuery;
import io.sagashop.order.api.FindSagasQuery;
import io.sagashop.order.api.FindStuckSagasQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.PendingDeadlineView;
import io.sagashop.order.api.SagaAssociationView;
import io.sagashop.order.api.SagaDetailView;
import io.sagashop.order.api.SagaListView;
import io.sagashop.order.api.SagaState;
import io.sagashop.order.api.SagaSummaryView;
import io.sagashop.order.api.SagaTimelineEntryKind;
import io.sagashop.order.api.SagaTimelineEntryView;
import io.sagashop.platform.DomainError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the dashboard's saga inspection queries from the saga journal; the associations come
 * from Axon's own association table, so they are exactly what the saga store holds. STUCK is
 * derived when asked: active, and without progress for longer than {@code sagashop.order.stuck-after},
 * past its order deadline, or without any pending deadline.
 */
@Component
class SagaInspection {

    private static final int MAX_LIMIT = 1000;
    private static final String SUMMARY_COLUMNS =
            "saga_id, order_id, state, current_step, started_at, last_activity_at, order_deadline";

    private final NamedParameterJdbcTemplate jdbc;
    private final SagaSettings settings;
    private final Clock clock;

    @Autowired
    SagaInspection(NamedParameterJdbcTemplate jdbc, SagaSettings settings) {
        this(jdbc, settings, Clock.systemUTC());
    }

    SagaInspection(NamedParameterJdbcTemplate jdbc, SagaSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @QueryHandler
    SagaListView handle(FindSagasQuery query) {
        checkLimit(query.limit());
        Instant now = clock.instant();
        MapSqlParameterSource parameters = stuckParameters(now).addValue("limit", query.limit());
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        if (query.state() == SagaState.STUCK) {
            where.append(" AND state = 'ACTIVE' AND ").append(stuckCondition());
        } else if (query.state() == SagaState.ACTIVE) {
            where.append(" AND state = 'ACTIVE' AND NOT ").append(stuckCondition());
        } else if (query.state() != null) {
            where.append(" AND state = :state");
            parameters.addValue("state", query.state().name());
        }
        if (query.olderThan() != null) {
            where.append(" AND started_at < :olderThan");
            parameters.addValue("olderThan", Timestamp.from(query.olderThan()));
        }
        return new SagaListView(summaries("SELECT " + SUMMARY_COLUMNS + " FROM saga_summary " + where
                + " ORDER BY last_activity_at DESC LIMIT :limit", parameters, now));
    }

    @QueryHandler
    SagaListView handle(FindStuckSagasQuery query) {
        checkLimit(query.limit());
        Instant now = clock.instant();
        return new SagaListView(summaries("SELECT " + SUMMARY_COLUMNS + " FROM saga_summary WHERE state = 'ACTIVE' AND "
                + stuckCondition() + " ORDER BY last_activity_at ASC LIMIT :limit",
                stuckParameters(now).addValue("limit", query.limit()), now));
    }

    /** The order's latest saga, with the timeline of every saga the order had (a cancellation after confirmation starts a second). */
    @QueryHandler
    SagaDetailView handle(FindSagaQuery query) {
        Instant now = clock.instant();
        List<SagaSummaryView> latest = summaries("SELECT " + SUMMARY_COLUMNS + " FROM saga_summary WHERE order_id = :orderId "
                + "ORDER BY started_at DESC, last_activity_at DESC LIMIT 1",
                new MapSqlParameterSource("orderId", query.orderId().toString()), now);
        if (latest.isEmpty()) {
            return null;
        }
        List<SagaTimelineEntryView> timeline = jdbc.query("SELECT t.at, t.kind, t.message_name, t.service, t.detail "
                        + "FROM saga_timeline t JOIN saga_summary s ON s.saga_id = t.saga_id "
                        + "WHERE s.order_id = :orderId ORDER BY t.at, t.id",
                new MapSqlParameterSource("orderId", query.orderId().toString()),
                (row, i) -> new SagaTimelineEntryView(instant(row, "at"), SagaTimelineEntryKind.valueOf(row.getString("kind")),
                        row.getString("message_name"), row.getString("service"), row.getString("detail")));
        return new SagaDetailView(latest.get(0), timeline);
    }

    private String stuckCondition() {
        // An active saga always has a deadline pending (its order deadline or its step deadline):
        // one without is stuck at once.
        return "(last_activity_at < :quietSince OR (order_deadline IS NOT NULL AND order_deadline < :now)"
                + " OR NOT EXISTS (SELECT 1 FROM saga_deadline d WHERE d.saga_id = saga_summary.saga_id))";
    }

    private MapSqlParameterSource stuckParameters(Instant now) {
        return new MapSqlParameterSource()
                .addValue("now", Timestamp.from(now))
                .addValue("quietSince", Timestamp.from(now.minus(settings.stuckAfter())));
    }

    private List<SagaSummaryView> summaries(String sql, MapSqlParameterSource parameters, Instant now) {
        List<SummaryRow> rows = jdbc.query(sql, parameters, (row, i) -> new SummaryRow(row.getString("saga_id"),
                row.getString("order_id"), SagaState.valueOf(row.getString("state")), row.getString("current_step"),
                instant(row, "started_at"), instant(row, "last_activity_at"), instant(row, "order_deadline")));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(SummaryRow::sagaId).toList();
        Map<String, List<PendingDeadlineView>> deadlines = new HashMap<>();
        jdbc.query("SELECT saga_id, deadline_name, deadline_id, due_at FROM saga_deadline WHERE saga_id IN (:ids) ORDER BY due_at",
                new MapSqlParameterSource("ids", ids), (ResultSet row) -> {
                    deadlines.computeIfAbsent(row.getString("saga_id"), id -> new ArrayList<>()).add(new PendingDeadlineView(
                            row.getString("deadline_name"), row.getString("deadline_id"), instant(row, "due_at")));
                });
        Map<String, List<SagaAssociationView>> associations = new HashMap<>();
        jdbc.query("SELECT saga_id, association_key, association_value FROM association_value_entry WHERE saga_id IN (:ids) "
                        + "ORDER BY association_key",
                new MapSqlParameterSource("ids", ids), (ResultSet row) -> {
                    associations.computeIfAbsent(row.getString("saga_id"), id -> new ArrayList<>()).add(new SagaAssociationView(
                            row.getString("association_key"), row.getString("association_value")));
                });
        return rows.stream().map(row -> row.view(now, settings, deadlines.getOrDefault(row.sagaId(), Collections.emptyList()),
                associations.getOrDefault(row.sagaId(), Collections.emptyList()))).toList();
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainError.invalid("limit-out-of-range", "limit", "limit must be between 1 and " + MAX_LIMIT).exception();
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private record SummaryRow(String sagaId, String orderId, SagaState state, String step, Instant startedAt,
                              Instant lastActivityAt, Instant orderDeadline) {

        SagaSummaryView view(Instant now, SagaSettings settings, List<PendingDeadlineView> deadlines,
                             List<SagaAssociationView> associations) {
            boolean stuck = state == SagaState.ACTIVE && (lastActivityAt.isBefore(now.minus(settings.stuckAfter()))
                    || (orderDeadline != null && orderDeadline.isBefore(now)) || deadlines.isEmpty());
            return new SagaSummaryView(sagaId, OrderId.of(orderId), stuck ? SagaState.STUCK : state, step, startedAt,
                    lastActivityAt, orderDeadline, deadlines, associations);
        }
    }
}
