package io.sagashop.catalog;

import io.sagashop.platform.test.ServiceTest;

/**
 * {@link CatalogScenario} on Axon's local buses and the JPA event store in the test schema: the
 * service's own wiring (Flyway tables under {@code ddl-auto: validate}, processors, query
 * handlers, security, error mapping) without the hub.
 */
@ServiceTest(properties = {"axon.axonserver.enabled=false",
        "sagashop.catalog.product.snapshot-threshold=" + CatalogScenario.SNAPSHOT_THRESHOLD})
class CatalogLocalBusTest extends CatalogScenario {
}
