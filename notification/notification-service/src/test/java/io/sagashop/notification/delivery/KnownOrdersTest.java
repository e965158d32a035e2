package io.sagashop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.platform.test.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The remembered lines of orders, on MariaDB and on the H2 fallback (MySQL mode): the first
 * outcome of an order stores them, a later one replaces them, one row per order.
 */
class KnownOrdersTest {

    private static final List<OrderLine> MUGS = List.of(
            new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 2, new BigDecimal("9.95")));
    private static final List<OrderLine> MUGS_AND_TEA = List.of(
            new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 1, new BigDecimal("9.95")),
            new OrderLine(ProductId.of("p-2"), "TEA-02", "Green tea", 3, new BigDecimal("4.90")));

    private String schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void theFirstOutcomeStoresTheLinesAndALaterOneReplacesThem(String database) {
        JdbcTemplate jdbc = new JdbcTemplate(migrated(database));
        KnownOrders orders = new KnownOrders(jdbc, Jackson2ObjectMapperBuilder.json().build());

        orders.remember("order-1", MUGS);
        orders.remember("order-2", MUGS);
        assertThat(orders.lines("order-1")).isEqualTo(MUGS);

        orders.remember("order-1", MUGS_AND_TEA);

        assertThat(orders.lines("order-1")).isEqualTo(MUGS_AND_TEA);
        assertThat(orders.lines("order-2")).isEqualTo(MUGS);
        assertThat(orders.lines("never-seen")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM known_order WHERE order_id = 'order-1'", Integer.class))
                .isEqualTo(1);
    }

    private DataSource migrated(String database) {
        DataSource dataSource;
        if (database.equals("h2")) {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:known_orders_" + UUID.randomUUID()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            schema = TestDatabase.createSchema("known_orders");
            dataSource = new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                    TestDatabase.password());
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
