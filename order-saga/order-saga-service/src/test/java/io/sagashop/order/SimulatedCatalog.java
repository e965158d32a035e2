package io.sagashop.order;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.FindPricesQuery;
import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.OpenReservationView;
import io.sagashop.catalog.api.PriceListView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.catalog.api.StockReturned;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The catalog as the saga and the audit see it: products with a price and stock figures
 * ({@code received = available + reserved + sold}) and one reservation per (product, order).
 * Like the real catalog, each stock command is idempotent per (product, order): a repeat
 * publishes nothing. An unknown product is rejected ({@code UNKNOWN_PRODUCT}), too few units
 * {@code INSUFFICIENT_STOCK}. A silenced product answers nothing until it is resumed, as if the
 * catalog were hanging: its commands are kept and handled then.
 */
public class SimulatedCatalog {

    private final EventGateway events;
    private final Map<ProductId, Product> products = new LinkedHashMap<>();
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Set<ProductId> silenced = new HashSet<>();
    private final List<Object> held = new ArrayList<>();
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final List<FindPricesQuery> priceQueries = new CopyOnWriteArrayList<>();
    private final Map<String, String> correlations = new java.util.concurrent.ConcurrentHashMap<>();

    SimulatedCatalog(EventGateway events) {
        this.events = events;
    }

    // --- set up by the test ---

    /** Adds a product with {@code stock} units received, all available; answers its id. */
    public synchronized ProductId product(ProductId id, String name, String price, int stock) {
        products.put(id, new Product(id, "SKU-" + id, name, new BigDecimal(price), stock));
        return id;
    }

    public synchronized void discontinue(ProductId id) {
        product(id).discontinued = true;
    }

    /** From now on, the product's stock commands get no answer (kept for {@link #resume}). */
    public synchronized void silence(ProductId id) {
        silenced.add(id);
    }

    /** Answers the product's commands again, first the ones kept while it was silent. */
    public synchronized void resume(ProductId id) {
        silenced.remove(id);
        List<Object> due = held.stream().filter(command -> productOf(command).equals(id)).toList();
        held.removeAll(due);
        due.forEach(this::apply);
    }

    /**
     * Breaks the balance on purpose, as a catalog bug would: changes available and sold units
     * without any event.
     */
    public synchronized void corrupt(ProductId id, int availableDelta, int soldDelta) {
        Product product = product(id);
        product.available += availableDelta;
        product.sold += soldDelta;
    }

    /** Holds units for an order without any event, as a release the catalog lost would. */
    public synchronized void strandReservation(ProductId id, String orderId, int quantity) {
        product(id).available -= quantity;
        reservations.put(key(id, orderId), new Reservation(id, orderId, quantity, Status.RESERVED));
    }

    /** Every price query answered, in order. */
    public List<FindPricesQuery> priceQueries() {
        return List.copyOf(priceQueries);
    }

    /** The stock commands received for the order, of one type. */
    public <T> List<T> commands(Class<T> type, String orderId) {
        return received.stream().filter(type::isInstance).map(type::cast)
                .filter(command -> orderOf(command).equals(orderId)).toList();
    }

    /** The product's stock levels now, as {@code FindStockLevelsQuery} answers them. */
    public synchronized StockLevelsView levels(ProductId id) {
        return view(product(id));
    }

    // --- the catalog's commands ---

    @CommandHandler
    synchronized void handle(ReserveStock command, @MetaDataValue("correlationId") String correlationId) {
        if (correlationId != null) {
            correlations.put(command.orderId(), correlationId);
        }
        receive(command);
    }

    /** The correlation id the order's reservations carried, or null. */
    String reservationCorrelation(String orderId) {
        return correlations.get(orderId);
    }

    @CommandHandler
    synchronized void handle(ReleaseStock command) {
        receive(command);
    }

    @CommandHandler
    synchronized void handle(CommitStock command) {
        receive(command);
    }

    @CommandHandler
    synchronized void handle(ReturnStock command) {
        receive(command);
    }

    private void receive(Object command) {
        received.add(command);
        if (silenced.contains(productOf(command))) {
            held.add(command);
        } else {
            apply(command);
        }
    }

    private void apply(Object command) {
        if (command instanceof ReserveStock reserve) {
            reserve(reserve);
        } else if (command instanceof ReleaseStock release) {
            release(release);
        } else if (command instanceof CommitStock commit) {
            commit(commit);
        } else if (command instanceof ReturnStock giveBack) {
            giveBack(giveBack);
        }
    }

    private void reserve(ReserveStock command) {
        String key = key(command.productId(), command.orderId());
        if (reservations.containsKey(key)) {
            return;
        }
        Product product = products.get(command.productId());
        StockRejectionReason refusal = product == null ? StockRejectionReason.UNKNOWN_PRODUCT
                : product.discontinued ? StockRejectionReason.DISCONTINUED
                : product.available < command.quantity() ? StockRejectionReason.INSUFFICIENT_STOCK : null;
        if (refusal != null) {
            reservations.put(key, new Reservation(command.productId(), command.orderId(), command.quantity(), Status.REJECTED));
            events.publish(new StockReservationRejected(command.productId(), command.orderId(), command.quantity(), refusal));
            return;
        }
        product.available -= command.quantity();
        reservations.put(key, new Reservation(command.productId(), command.orderId(), command.quantity(), Status.RESERVED));
        events.publish(new StockReserved(command.productId(), command.orderId(), command.quantity(), product.price, product.currency));
    }

    private void release(ReleaseStock command) {
        Reservation reservation = reservations.get(key(command.productId(), command.orderId()));
        if (reservation != null && reservation.status == Status.RESERVED) {
            reservation.status = Status.RELEASED;
            product(command.productId()).available += reservation.quantity;
            events.publish(new StockReleased(command.productId(), command.orderId(), reservation.quantity));
        }
    }

    private void commit(CommitStock command) {
        Reservation reservation = reservations.get(key(command.productId(), command.orderId()));
        if (reservation != null && reservation.status == Status.RESERVED) {
            reservation.status = Status.COMMITTED;
            product(command.productId()).sold += reservation.quantity;
            events.publish(new StockCommitted(command.productId(), command.orderId(), reservation.quantity));
        }
    }

    private void giveBack(ReturnStock command) {
        Reservation reservation = reservations.get(key(command.productId(), command.orderId()));
        if (reservation != null && reservation.status == Status.COMMITTED) {
            reservation.status = Status.RETURNED;
            Product product = product(command.productId());
            product.sold -= reservation.quantity;
            product.available += reservation.quantity;
            events.publish(new StockReturned(command.productId(), command.orderId(), reservation.quantity));
        }
    }

    // --- the catalog's queries ---

    @QueryHandler
    synchronized PriceListView handle(FindPricesQuery query) {
        priceQueries.add(query);
        return new PriceListView(query.productIds().stream().map(products::get).filter(Objects::nonNull)
                .map(p -> new ProductPriceView(p.id, p.sku, p.name, p.price, p.currency, p.discontinued)).toList());
    }

    @QueryHandler
    synchronized StockLevelsListView handle(FindStockLevelsQuery query) {
        return new StockLevelsListView(products.values().stream()
                .filter(p -> query.productIds().isEmpty() || query.productIds().contains(p.id))
                .map(this::view).toList());
    }

    private StockLevelsView view(Product product) {
        List<Reservation> open = reservations.values().stream()
                .filter(r -> r.productId.equals(product.id) && r.status == Status.RESERVED).toList();
        int reserved = open.stream().mapToInt(r -> r.quantity).sum();
        return new StockLevelsView(product.id, product.sku, product.received, product.available, reserved, product.sold,
                open.stream().map(r -> new OpenReservationView(r.orderId, r.quantity)).toList());
    }

    private Product product(ProductId id) {
        Product product = products.get(id);
        if (product == null) {
            throw new IllegalArgumentException("no such simulated product: " + id);
        }
        return product;
    }

    private static ProductId productOf(Object command) {
        if (command instanceof ReserveStock c) {
            return c.productId();
        } else if (command instanceof ReleaseStock c) {
            return c.productId();
        } else if (command instanceof CommitStock c) {
            return c.productId();
        }
        return ((ReturnStock) command).productId();
    }

    private static String orderOf(Object command) {
        if (command instanceof ReserveStock c) {
            return c.orderId();
        } else if (command instanceof ReleaseStock c) {
            return c.orderId();
        } else if (command instanceof CommitStock c) {
            return c.orderId();
        }
        return ((ReturnStock) command).orderId();
    }

    private static String key(ProductId productId, String orderId) {
        return productId + "/" + orderId;
    }

    private enum Status { RESERVED, REJECTED, RELEASED, COMMITTED, RETURNED }

    private static final class Product {
        final ProductId id;
        final String sku;
        final String name;
        final BigDecimal price;
        final String currency = "EUR";
        final int received;
        int available;
        int sold;
        boolean discontinued;

        Product(ProductId id, String sku, String name, BigDecimal price, int stock) {
            this.id = id;
            this.sku = sku;
            this.name = name;
            this.price = price;
            this.received = stock;
            this.available = stock;
        }
    }

    private static final class Reservation {
        final ProductId productId;
        final String orderId;
        final int quantity;
        Status status;

        Reservation(ProductId productId, String orderId, int quantity, Status status) {
            this.productId = productId;
            this.orderId = orderId;
            this.quantity = quantity;
            this.status = status;
        }
    }
}
