package io.sagashop.order.placement;

import io.sagashop.catalog.api.FindPricesQuery;
import io.sagashop.catalog.api.PriceListView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.order.api.OrderLine;
import io.sagashop.platform.DomainError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Prices an order from the catalog's current prices; the client never sets a price. Refuses
 * unknown and discontinued products and a mix of currencies, naming the line.
 *
 * <p>The prices come from this service's copy of them ({@link PriceList}, kept from the catalog's
 * events) when it is current ({@link PriceListStatus}) and has every product of the order; else
 * from the catalog ({@code FindPricesQuery} through the hub), which then has to be connected (if
 * not, the query fails and the platform answers 503). Either is the catalog's word as its events
 * last said: the catalog answers from its own projection of the same events. The copy saves each
 * order a query through the hub (docs/performance.md, session 18).
 */
@Component
class OrderPricing {

    private final QueryGateway queries;
    private final PriceList priceList;
    private final PriceListStatus priceListStatus;

    OrderPricing(QueryGateway queries, PriceList priceList, PriceListStatus priceListStatus) {
        this.queries = queries;
        this.priceList = priceList;
        this.priceListStatus = priceListStatus;
    }

    PricedOrder price(PlaceOrderRequest request) {
        List<ProductId> ids = request.lines().stream().map(line -> ProductId.of(line.productId())).distinct().toList();
        Map<ProductId, ProductPriceView> prices = priceListStatus.current() ? priceList.find(ids) : Map.of();
        if (prices.size() < ids.size()) {
            // Not current, or a product it does not have (too new for it, or unknown): the catalog decides.
            PriceListView answer = queries.query(new FindPricesQuery(ids), PriceListView.class).join();
            prices = answer.prices().stream()
                    .collect(Collectors.toMap(ProductPriceView::productId, Function.identity(), (a, b) -> a));
        }
        List<OrderLine> lines = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < request.lines().size(); i++) {
            PlaceOrderRequest.Line line = request.lines().get(i);
            String field = "lines[" + i + "].productId";
            ProductPriceView price = prices.get(ProductId.of(line.productId()));
            if (price == null) {
                throw DomainError.invalid("product-unknown", field, "no product " + line.productId()).exception();
            }
            if (price.discontinued()) {
                throw DomainError.invalid("product-discontinued", field,
                        "product " + line.productId() + " is no longer sold").exception();
            }
            if (currency == null) {
                currency = price.currency();
            } else if (!currency.equals(price.currency())) {
                throw DomainError.invalid("currencies-mixed", field, "product " + line.productId() + " is priced in "
                        + price.currency() + ", the order's other lines in " + currency).exception();
            }
            lines.add(new OrderLine(price.productId(), price.sku(), price.name(), line.quantity(), price.price()));
        }
        return new PricedOrder(lines, currency);
    }

    /**
     * An order's lines priced from the catalog.
     *
     * @param lines    the priced lines, in the order asked
     * @param currency the currency every line shares
     */
    record PricedOrder(List<OrderLine> lines, String currency) {
    }
}
