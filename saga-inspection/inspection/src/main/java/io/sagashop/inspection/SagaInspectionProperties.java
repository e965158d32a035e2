package io.sagashop.inspection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The library's settings, under {@code sagashop.inspection}.
 *
 * @param enabled          whether the library answers at all (default true)
 * @param application      the name answered as {@code application} (default: Axon's component name,
 *                         else {@code spring.application.name})
 * @param stuckAfter       an active saga without progress for this long is STUCK (default 60 s)
 * @param retention        the journal of a saga that ended longer ago than this is deleted (default 7 days)
 * @param retentionInterval how often the retention runs (default 10 min)
 * @param metricsInterval  how often the gauges' counts are taken (default 30 s)
 * @param associationTable Axon's saga association table, read for the associations (default
 *                         {@code association_value_entry}, as Axon's JPA and JDBC saga stores name it)
 * @param flyway           whether the library's migrations ({@code classpath:db/saga-inspection}) are
 *                         added to the application's Flyway locations (default true)
 */
@ConfigurationProperties("sagashop.inspection")
public record SagaInspectionProperties(Boolean enabled, String application, Duration stuckAfter, Duration retention,
                                       Duration retentionInterval, Duration metricsInterval, String associationTable,
                                       Boolean flyway) {

    public SagaInspectionProperties {
        enabled = enabled == null || enabled;
        stuckAfter = positive(stuckAfter, Duration.ofSeconds(60), "stuck-after");
        retention = positive(retention, Duration.ofDays(7), "retention");
        retentionInterval = positive(retentionInterval, Duration.ofMinutes(10), "retention-interval");
        metricsInterval = positive(metricsInterval, Duration.ofSeconds(30), "metrics-interval");
        associationTable = associationTable == null || associationTable.isBlank() ? "association_value_entry" : associationTable;
        if (!associationTable.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("sagashop.inspection.association-table must be a table name, not " + associationTable);
        }
        flyway = flyway == null || flyway;
    }

    /** These settings answering as {@code application}. */
    public SagaInspectionProperties withApplication(String application) {
        return new SagaInspectionProperties(enabled, application, stuckAfter, retention, retentionInterval, metricsInterval,
                associationTable, flyway);
    }

    /** The defaults, for an application named {@code application}. */
    public static SagaInspectionProperties defaults(String application) {
        return new SagaInspectionProperties(null, application, null, null, null, null, null, null);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("sagashop.inspection." + name + " must be positive, not " + value);
        }
        return value;
    }
}
