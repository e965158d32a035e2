package io.sagashop.catalog;

import io.sagashop.platform.test.ServiceTest;

/** {@link CatalogScenario} against the hub started in this JVM (commands, queries and events through it). */
@ServiceTest(properties = "sagashop.catalog.product.snapshot-threshold=" + CatalogScenario.SNAPSHOT_THRESHOLD)
class CatalogServiceTest extends CatalogScenario {
}
