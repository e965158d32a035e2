package io.sagashop.catalog.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the unique-SKU lookup: which product holds a SKU. */
@Entity
@Table(name = "product_sku")
class SkuEntry {

    @Id
    @Column(length = 64)
    private String sku;
    @Column(name = "product_id", nullable = false, length = 64)
    private String productId;

    protected SkuEntry() {
    }

    SkuEntry(String sku, String productId) {
        this.sku = sku;
        this.productId = productId;
    }

    String productId() {
        return productId;
    }
}
