package io.sagashop.catalog.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much history a {@link Product} keeps in memory ({@code sagashop.catalog.product.*}).
 *
 * @param settledRetention  how long a settled reservation (rejected, released, sold, returned) is
 *                          remembered after it settled: for that long a repeated saga command is
 *                          answered as the first one was and a ReserveStock of a released order is
 *                          rejected. Longer than any command can be in flight. Sold units can be
 *                          returned after it too (only the count of forgotten sales is kept).
 * @param snapshotThreshold events of one product replayed on a load before a snapshot is taken,
 *                          so that a load reads the latest snapshot and at most this many events
 */
@ConfigurationProperties("sagashop.catalog.product")
record ProductSettings(@DefaultValue("P7D") Duration settledRetention, @DefaultValue("250") int snapshotThreshold) {

    ProductSettings {
        if (settledRetention == null || settledRetention.isNegative() || settledRetention.isZero()) {
            throw new IllegalArgumentException("sagashop.catalog.product.settled-retention must be positive, not " + settledRetention);
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("sagashop.catalog.product.snapshot-threshold must be at least 1, not " + snapshotThreshold);
        }
    }
}
