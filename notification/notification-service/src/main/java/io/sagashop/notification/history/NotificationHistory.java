package io.sagashop.notification.history;

import io.sagashop.notification.api.DeliveryStatus;
import io.sagashop.notification.api.FindNotificationsQuery;
import io.sagashop.notification.api.NotificationChannel;
import io.sagashop.notification.api.NotificationListView;
import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.notification.api.NotificationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers {@link FindNotificationsQuery} from the delivery records, oldest first. */
@Component
class NotificationHistory {

    private final JdbcTemplate jdbc;

    NotificationHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    NotificationListView handle(FindNotificationsQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM delivery WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.orderId() != null && !query.orderId().isBlank()) {
            sql.append(" AND order_id = ?");
            args.add(query.orderId());
        }
        if (query.customerId() != null && !query.customerId().isBlank()) {
            sql.append(" AND customer_id = ?");
            args.add(query.customerId());
        }
        sql.append(" ORDER BY created_at, id");
        return new NotificationListView(jdbc.query(sql.toString(), NotificationHistory::view, args.toArray()));
    }

    private static NotificationView view(ResultSet rs, int row) throws SQLException {
        return new NotificationView(rs.getString("order_id"), rs.getString("customer_id"),
                NotificationOutcome.valueOf(rs.getString("outcome")), NotificationChannel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
