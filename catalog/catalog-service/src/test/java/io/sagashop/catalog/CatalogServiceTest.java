package io.sagashop.catalog;

import io.sagashop.platform.test.ServiceTest;

/** {@link CatalogScenario} against the hub started in this JVM (commands, queries and events through it). */
@ServiceTest
class CatalogServiceTest extends CatalogScenario {
}
