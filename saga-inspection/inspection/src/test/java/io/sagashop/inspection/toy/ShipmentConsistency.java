package io.sagashop.inspection.toy;

import io.sagashop.inspection.ConsistencyCheck;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.ConsistencyViolationView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The toy application's one rule: a shipment has at most one saga that completed. */
@Component
class ShipmentConsistency implements ConsistencyCheck {

    static final String RULE = "one-completed-saga-per-shipment";

    private final JdbcTemplate jdbc;

    ShipmentConsistency(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ConsistencyReportView report(String application, int maxViolations) {
        List<ConsistencyViolationView> violations = jdbc.query("SELECT business_key, COUNT(*) AS n FROM saga_inspection_saga "
                        + "WHERE state = 'COMPLETED' GROUP BY business_key HAVING COUNT(*) > 1",
                (row, i) -> new ConsistencyViolationView(RULE, row.getInt("n") + " completed sagas",
                        Map.of("shipmentId", row.getString("business_key"))));
        Integer shipments = jdbc.queryForObject("SELECT COUNT(DISTINCT business_key) FROM saga_inspection_saga", Integer.class);
        return new ConsistencyReportView(application, Instant.now(), Map.of("shipments", shipments == null ? 0 : shipments),
                Map.of(RULE, violations.size()), violations.stream().limit(maxViolations).toList());
    }
}
