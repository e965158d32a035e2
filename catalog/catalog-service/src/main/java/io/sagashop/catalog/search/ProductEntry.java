package io.sagashop.catalog.search;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.catalog.api.ProductView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One product as searched and shown; kept up to date by {@link ProductProjection}. */
@Entity
@Table(name = "product_entry")
class ProductEntry {

    @Id
    @Column(name = "product_id", length = 64)
    private String productId;
    @Column(nullable = false, length = 64)
    private String sku;
    @Column(nullable = false, length = 200)
    private String name;
    @Column(nullable = false, length = 4000)
    private String description;
    @Column(nullable = false, length = 100)
    private String category;
    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal price;
    @Column(nullable = false, length = 3)
    private String currency;
    @Column(name = "available_stock", nullable = false)
    private int availableStock;
    @Column(nullable = false)
    private boolean discontinued;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ProductEntry() {
    }

    ProductEntry(String productId, String sku, Instant createdAt) {
        this.productId = productId;
        this.sku = sku;
        this.createdAt = createdAt;
    }

    void details(String newName, String newDescription, String newCategory) {
        this.name = newName;
        this.description = newDescription;
        this.category = newCategory;
    }

    void price(BigDecimal newPrice, String newCurrency) {
        this.price = newPrice;
        this.currency = newCurrency;
    }

    void addAvailable(int delta) {
        this.availableStock += delta;
    }

    void discontinue() {
        this.discontinued = true;
    }

    ProductView toView() {
        return new ProductView(ProductId.of(productId), sku, name, description, category, price, currency,
                availableStock, discontinued);
    }

    ProductPriceView toPriceView() {
        return new ProductPriceView(ProductId.of(productId), sku, name, price, currency, discontinued);
    }

    String productId() {
        return productId;
    }

    int availableStock() {
        return availableStock;
    }
}
