package io.sagashop.catalog;

import io.sagashop.platform.test.TestHub;
import io.sagashop.platform.test.WithTestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CatalogScenario} in the documented no-MySQL fallback, as {@code ./shop} runs it: the
 * service on H2 in MySQL mode, connected to the hub. The same Flyway scripts build the schema and
 * the catalog's plain SQL runs on it (upserts, LIKE with an escape character, LIMIT and OFFSET as
 * parameters), and so does Axon's JDBC dead-letter queue. (Through the hub, not on Axon's local
 * buses as this test once ran: without JPA the service has no event store of its own.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:catalog_h2;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "sagashop.catalog.product.snapshot-threshold=" + CatalogScenario.SNAPSHOT_THRESHOLD})
@WithTestTokens
@DirtiesContext
class CatalogH2FallbackTest extends CatalogScenario {

    @DynamicPropertySource
    static void theTestHub(DynamicPropertyRegistry registry) {
        TestHub.connect(registry, "catalog-h2");
    }
}
