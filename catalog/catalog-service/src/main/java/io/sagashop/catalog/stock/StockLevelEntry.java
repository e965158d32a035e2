package io.sagashop.catalog.stock;

import io.sagashop.catalog.api.OpenReservationView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsView;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.TreeMap;

/** One product's stock figures and the orders holding units of it. */
@Entity
@Table(name = "stock_level")
class StockLevelEntry {

    @Id
    @Column(name = "product_id", length = 64)
    private String productId;
    @Column(nullable = false, length = 64)
    private String sku;
    @Column(nullable = false)
    private int received;
    @Column(nullable = false)
    private int available;
    @Column(nullable = false)
    private int reserved;
    @Column(nullable = false)
    private int sold;
    @ElementCollection
    @CollectionTable(name = "stock_open_reservation", joinColumns = @JoinColumn(name = "product_id"))
    @MapKeyColumn(name = "order_id", length = 64)
    @Column(name = "quantity", nullable = false)
    private Map<String, Integer> openReservations = new TreeMap<>();

    protected StockLevelEntry() {
    }

    StockLevelEntry(String productId, String sku, int initialStock) {
        this.productId = productId;
        this.sku = sku;
        this.received = initialStock;
        this.available = initialStock;
    }

    void receive(int quantity) {
        received += quantity;
        available += quantity;
    }

    void reserve(String orderId, int quantity) {
        available -= quantity;
        reserved += quantity;
        openReservations.put(orderId, quantity);
    }

    void release(String orderId, int quantity) {
        available += quantity;
        reserved -= quantity;
        openReservations.remove(orderId);
    }

    void commit(String orderId, int quantity) {
        reserved -= quantity;
        sold += quantity;
        openReservations.remove(orderId);
    }

    /** Sold units came back (a confirmed order was cancelled). */
    void giveBack(int quantity) {
        sold -= quantity;
        available += quantity;
    }

    StockLevelsView toView() {
        return new StockLevelsView(ProductId.of(productId), sku, received, available, reserved, sold,
                new TreeMap<>(openReservations).entrySet().stream()
                        .map(r -> new OpenReservationView(r.getKey(), r.getValue())).toList());
    }
}
