package io.sagashop.order.tracking;

import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.FindOrdersQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderPageView;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderView;
import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.DomainError;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /orders/{id}} and {@code GET /orders?status=&page=&size=}: a customer sees their own
 * orders, an admin everyone's; someone else's order is answered as unknown (404). Answered
 * through the query bus, as any other consumer would be.
 */
@RestController
@RequestMapping("/orders")
@Validated
class OrderQueryController {

    static final String ORDER_ID_PATTERN = "[A-Za-z0-9._:-]{1,64}";

    private final QueryGateway queries;

    OrderQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{orderId}")
    OrderResponse one(@PathVariable @Pattern(regexp = ORDER_ID_PATTERN, message = "is not an order id") String orderId) {
        return OrderResponse.of(visibleOrder(queries, orderId));
    }

    @GetMapping
    OrderResponse.Page page(@RequestParam(required = false) OrderStatus status,
                       @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        String customer = CurrentUser.isAdmin() ? null : CurrentUser.id();
        return OrderResponse.Page.of(
                queries.query(new FindOrdersQuery(customer, status, page, size), OrderPageView.class).join());
    }

    /** The order if the caller may see it; 404 both when it does not exist and when it is someone else's. */
    static OrderView visibleOrder(QueryGateway queries, String orderId) {
        OrderView view = queries.query(new FindOrderQuery(OrderId.of(orderId)), ResponseTypes.optionalInstanceOf(OrderView.class))
                .join()
                .filter(found -> CurrentUser.isSelfOrAdmin(found.customerId()))
                .orElse(null);
        if (view == null) {
            throw DomainError.notFound("order-not-found", "no order " + orderId).exception();
        }
        return view;
    }
}
