package io.sagashop.order.placement;

import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductDetailsUpdated;
import io.sagashop.catalog.api.ProductDiscontinued;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceChanged;
import io.sagashop.catalog.api.ProductPriceView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link PriceList} from the catalog's product events, in processing group
 * {@value #GROUP} (a tracking processor, one segment, its token in this schema). Only the events
 * that change what an order is priced with: a product's stock never reaches this table.
 */
@Component
@ProcessingGroup(PriceListProjection.GROUP)
class PriceListProjection {

    static final String GROUP = "order-prices";

    private static final Logger log = LoggerFactory.getLogger(PriceListProjection.class);

    private final PriceList prices;

    PriceListProjection(PriceList prices) {
        this.prices = prices;
    }

    @EventHandler
    void on(ProductAdded event) {
        prices.add(new ProductPriceView(event.productId(), event.sku(), event.name(), event.price(), event.currency(),
                false));
    }

    @EventHandler
    void on(ProductDetailsUpdated event) {
        found(prices.rename(event.productId(), event.name()), event.productId());
    }

    @EventHandler
    void on(ProductPriceChanged event) {
        found(prices.reprice(event.productId(), event.price(), event.currency()), event.productId());
    }

    @EventHandler
    void on(ProductDiscontinued event) {
        found(prices.discontinue(event.productId()), event.productId());
    }

    @ResetHandler
    void reset() {
        prices.deleteAll();
    }

    /**
     * A change of a product the table does not have cannot happen in a complete stream; should it,
     * the product stays out of the table and its orders are priced by the catalog (OrderPricing).
     */
    private static void found(boolean found, ProductId id) {
        if (!found) {
            log.warn("No price_list row for product {}: its orders are priced by the catalog", id);
        }
    }
}
