package io.sagashop.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.catalog.CatalogSchema;
import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductId;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** The unique-SKU lookup on MariaDB, migrated as the service migrates it. */
class JdbcSkuRegistryTest {

    private CatalogSchema schema;
    private JdbcSkuRegistry skus;

    @BeforeEach
    void migratedSchema() {
        schema = CatalogSchema.mariaDb("catalog_sku");
        skus = new JdbcSkuRegistry(schema.dataSource());
    }

    @AfterEach
    void dropSchema() {
        schema.close();
    }

    @Test
    void anAddedProductHoldsItsSku() {
        assertThat(skus.holderOf("KET-1")).isEmpty();

        skus.on(new ProductAdded(ProductId.of("p-1"), "KET-1", "Kettle", "", "kitchen", BigDecimal.ONE, "EUR", 1));

        assertThat(skus.holderOf("KET-1")).contains(ProductId.of("p-1"));
        assertThat(skus.holderOf("KET-2")).isEmpty();
    }

    @Test
    void aTakenSkuIsRefusedByTheDatabaseAndKeepsItsHolder() {
        skus.register("KET-1", ProductId.of("p-1"));

        assertThatThrownBy(() -> skus.register("KET-1", ProductId.of("p-2"))).isInstanceOf(DuplicateKeyException.class);
        assertThat(skus.holderOf("KET-1")).contains(ProductId.of("p-1"));
    }

    @Test
    void skusCompareAsTheDatabaseCollationDoesWhichOnMariaDbIgnoresCase() {
        skus.register("KET-1", ProductId.of("p-1"));

        assertThat(skus.holderOf("ket-1")).contains(ProductId.of("p-1"));
        assertThatThrownBy(() -> skus.register("ket-1", ProductId.of("p-2"))).isInstanceOf(DuplicateKeyException.class);
    }
}
