package io.sagashop.catalog.product;

import static io.sagashop.catalog.product.ProductRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.sagashop.catalog.api.*;
import io.sagashop.platform.axon.PlatformAxonAutoConfiguration;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product and its stock. Keeps {@code received = available + reserved + sold}, and remembers
 * the orders' reservations so the saga's commands are idempotent per (product, order): open ones
 * until they settle, settled ones for {@link ProductSettings#settledRetention()}
 * ({@link StockReservations}). A release that comes before its reservation releases the order
 * for good. ReserveStock reaches it through {@link ReserveStockHandler}, which answers for
 * unknown products. Its state is serialized by field into snapshots
 * ({@link ProductConfig#PRODUCT_SNAPSHOT_TRIGGER}): change the fields (here or in
 * {@link StockReservations}) and raise the {@link Revision}, so that snapshots of the old shape
 * are ignored and the product is replayed from its events instead.
 */
@Aggregate(cache = PlatformAxonAutoConfiguration.AGGREGATE_CACHE, snapshotTriggerDefinition = ProductConfig.PRODUCT_SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
@Revision("2")
class Product {

    @AggregateIdentifier
    private ProductId productId;
    private String sku;
    private String name;
    private String description;
    private String category;
    private BigDecimal price;
    private String currency;
    private int available;
    private boolean discontinued;
    private final StockReservations reservations = new StockReservations();

    Product() {
    }

    @CommandHandler
    Product(AddProduct cmd, SkuRegistry skus) {
        if (cmd.productId() == null) {
            throw ProductErrors.invalid("productId", "must not be null");
        }
        requireText("sku", cmd.sku(), MAX_SKU);
        requireDetails(cmd.name(), cmd.description(), cmd.category());
        requirePrice(cmd.price(), cmd.currency());
        requireQuantity("initialStock", cmd.initialStock(), true);
        skus.holderOf(cmd.sku()).ifPresent(holder -> {
            throw ProductErrors.conflict(ProductErrors.SKU_TAKEN, "sku", "SKU " + cmd.sku() + " is already used by product " + holder);
        });
        apply(new ProductAdded(cmd.productId(), cmd.sku(), cmd.name(), cmd.description(), cmd.category(),
                cmd.price(), cmd.currency(), cmd.initialStock()));
    }

    @CommandHandler
    void handle(UpdateProductDetails cmd) {
        requireDetails(cmd.name(), cmd.description(), cmd.category());
        requireOnSale();
        if (!cmd.name().equals(name) || !cmd.description().equals(description) || !cmd.category().equals(category)) {
            apply(new ProductDetailsUpdated(productId, cmd.name(), cmd.description(), cmd.category()));
        }
    }

    @CommandHandler
    void handle(ChangeProductPrice cmd) {
        requirePrice(cmd.price(), cmd.currency());
        requireOnSale();
        if (cmd.price().compareTo(price) != 0 || !cmd.currency().equals(currency)) {
            apply(new ProductPriceChanged(productId, cmd.price(), cmd.currency()));
        }
    }

    @CommandHandler
    void handle(RestockProduct cmd) {
        // Allowed when discontinued too: units that come back must still be counted as received.
        requireQuantity("quantity", cmd.quantity(), false);
        apply(new ProductRestocked(productId, cmd.quantity()));
    }

    @CommandHandler
    void handle(DiscontinueProduct cmd) {
        if (!discontinued) {
            apply(new ProductDiscontinued(productId));
        }
    }

    /** Handles ReserveStock for an existing product; see {@link ReserveStockHandler}. */
    StockReservationResult reserve(ReserveStock cmd) {
        requireReservationFields(cmd.orderId(), cmd.quantity());
        if (reservations.releasedBeforeReserved(cmd.orderId())) {
            apply(new StockReservationRejected(productId, cmd.orderId(), cmd.quantity(), StockRejectionReason.ORDER_RELEASED));
            return resultFor(cmd.orderId());
        }
        if (reservations.statusOf(cmd.orderId()) != ReservationStatus.NONE) {
            int asked = reservations.quantityOf(cmd.orderId());
            if (asked != cmd.quantity()) {
                throw ProductErrors.conflict(ProductErrors.RESERVATION_MISMATCH, "quantity", "order " + cmd.orderId()
                        + " already asked for " + asked + " units of product " + productId + ", not " + cmd.quantity());
            }
            return resultFor(cmd.orderId());
        }
        if (discontinued) {
            apply(new StockReservationRejected(productId, cmd.orderId(), cmd.quantity(), StockRejectionReason.DISCONTINUED));
        } else if (available < cmd.quantity()) {
            apply(new StockReservationRejected(productId, cmd.orderId(), cmd.quantity(), StockRejectionReason.INSUFFICIENT_STOCK));
        } else {
            apply(new StockReserved(productId, cmd.orderId(), cmd.quantity(), price, currency));
        }
        return resultFor(cmd.orderId());
    }

    @CommandHandler
    StockReservationResult handle(ReleaseStock cmd) {
        requireOrderId(cmd.orderId());
        ReservationStatus status = reservations.statusOf(cmd.orderId());
        if (status == ReservationStatus.COMMITTED) {
            throw ProductErrors.conflict(ProductErrors.ALREADY_SOLD, "order " + cmd.orderId()
                    + " already bought its units of product " + productId + "; they cannot be released");
        }
        if (status == ReservationStatus.RESERVED) {
            apply(new StockReleased(productId, cmd.orderId(), reservations.quantityOf(cmd.orderId())));
        } else if (status == ReservationStatus.NONE) {
            // The compensation overtook its reservation (or there never was one): nothing is
            // held, and the order may no longer reserve here. Rejected, released and returned
            // reservations hold nothing either and stay as they are.
            apply(new StockReleased(productId, cmd.orderId(), 0));
        }
        return resultFor(cmd.orderId());
    }

    @CommandHandler
    StockReservationResult handle(CommitStock cmd) {
        requireOrderId(cmd.orderId());
        ReservationStatus status = reservations.statusOf(cmd.orderId());
        if (status == ReservationStatus.RESERVED) {
            apply(new StockCommitted(productId, cmd.orderId(), reservations.quantityOf(cmd.orderId())));
        } else if (status != ReservationStatus.COMMITTED && status != ReservationStatus.RETURNED) {
            // RETURNED: a repeat arriving after the sold units came back; that commit did happen.
            throw ProductErrors.conflict(ProductErrors.NOT_RESERVED, "order " + cmd.orderId() + " holds no reservation of product "
                    + productId + " to commit (" + status + ")");
        }
        return resultFor(cmd.orderId());
    }

    @CommandHandler
    StockReservationResult handle(ReturnStock cmd) {
        requireReservationFields(cmd.orderId(), cmd.quantity());
        ReservationStatus status = reservations.statusOf(cmd.orderId());
        if (status == ReservationStatus.COMMITTED || status == ReservationStatus.RETURNED) {
            int sold = reservations.quantityOf(cmd.orderId());
            if (sold != cmd.quantity()) {
                throw ProductErrors.conflict(ProductErrors.RESERVATION_MISMATCH, "quantity", "order " + cmd.orderId()
                        + " bought " + sold + " units of product " + productId + ", not " + cmd.quantity());
            }
            if (status == ReservationStatus.COMMITTED) {
                apply(new StockReturned(productId, cmd.orderId(), sold));
            }
        } else if (status == ReservationStatus.NONE && cmd.quantity() <= reservations.soldForgotten()) {
            // A sale settled longer ago than the retention: the order side vouches for it, the
            // forgotten sales bound what may come back.
            apply(new StockReturned(productId, cmd.orderId(), cmd.quantity()));
        } else {
            throw ProductErrors.conflict(ProductErrors.NOT_SOLD, "order " + cmd.orderId() + " bought no units of product "
                    + productId + " to return (" + status + ")");
        }
        return resultFor(cmd.orderId());
    }

    @EventSourcingHandler
    void on(ProductAdded e) {
        productId = e.productId();
        sku = e.sku();
        name = e.name();
        description = e.description();
        category = e.category();
        price = e.price();
        currency = e.currency();
        available = e.initialStock();
    }

    @EventSourcingHandler
    void on(ProductDetailsUpdated e) {
        name = e.name();
        description = e.description();
        category = e.category();
    }

    @EventSourcingHandler
    void on(ProductPriceChanged e) {
        price = e.price();
        currency = e.currency();
    }

    @EventSourcingHandler
    void on(ProductRestocked e) {
        available += e.quantity();
    }

    @EventSourcingHandler
    void on(ProductDiscontinued e) {
        discontinued = true;
    }

    @EventSourcingHandler
    void on(StockReserved e) {
        available -= e.quantity();
        reservations.reserved(e.orderId(), e.quantity(), e.unitPrice(), e.currency());
    }

    @EventSourcingHandler
    void on(StockReservationRejected e, @Timestamp Instant at, ProductSettings settings) {
        reservations.rejected(e.orderId(), e.quantity(), e.reason(), at, settings.settledRetention());
    }

    @EventSourcingHandler
    void on(StockReleased e, @Timestamp Instant at, ProductSettings settings) {
        available += e.quantity();
        reservations.released(e.orderId(), at, settings.settledRetention());
    }

    @EventSourcingHandler
    void on(StockCommitted e, @Timestamp Instant at, ProductSettings settings) {
        reservations.committed(e.orderId(), at, settings.settledRetention());
    }

    @EventSourcingHandler
    void on(StockReturned e, @Timestamp Instant at, ProductSettings settings) {
        available += e.quantity();
        reservations.returned(e.orderId(), e.quantity(), at, settings.settledRetention());
    }

    /** Reservations the product remembers (open, and settled within the retention). */
    int rememberedReservations() {
        return reservations.size();
    }

    /** Units of sales forgotten after the retention that have not come back. */
    int soldUnitsForgotten() {
        return reservations.soldForgotten();
    }

    private void requireDetails(String newName, String newDescription, String newCategory) {
        requireText("name", newName, MAX_NAME);
        requireDescription(newDescription);
        requireText("category", newCategory, MAX_CATEGORY);
    }

    private void requireOnSale() {
        if (discontinued) {
            throw ProductErrors.conflict(ProductErrors.DISCONTINUED, "product " + productId + " (" + sku + ") is discontinued");
        }
    }

    private StockReservationResult resultFor(String orderId) {
        return reservations.resultFor(productId, orderId);
    }

    static void requireReservationFields(String orderId, int quantity) {
        requireOrderId(orderId);
        requireQuantity("quantity", quantity, false);
    }
}
