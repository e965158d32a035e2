package io.sagashop.order.tracking;

import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderView;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /orders/{id}/status-stream}: server-sent events fed by a {@link FindOrderQuery}
 * subscription query through the hub. The first event is the order as it is now, then one per
 * change; the stream completes once the order is final. When the client goes away (or the stream
 * times out) the subscription is cancelled, so the hub stops sending updates.
 */
@RestController
@RequestMapping("/orders")
@Validated
class OrderStatusStream {

    static final String EVENT_NAME = "order";
    private static final Logger log = LoggerFactory.getLogger(OrderStatusStream.class);

    private final QueryGateway queries;
    private final Duration timeout;

    OrderStatusStream(QueryGateway queries,
                      @Value("${sagashop.order.status-stream.timeout:10m}") Duration timeout) {
        this.queries = queries;
        this.timeout = timeout;
    }

    @GetMapping(path = "/{orderId}/status-stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable @Pattern(regexp = OrderQueryController.ORDER_ID_PATTERN,
            message = "is not an order id") String orderId) {
        // Checked before subscribing, so an unknown or foreign order is a plain 404.
        OrderQueryController.visibleOrder(queries, orderId);
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        // instanceOf, not optionalInstanceOf, for the initial answer: through the hub an optional
        // initial result arrives as a bare map. The order exists (checked above), so it is never null.
        SubscriptionQueryResult<OrderView, OrderView> subscription = queries.subscriptionQuery(
                new FindOrderQuery(OrderId.of(orderId)), ResponseTypes.instanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class));
        Forwarder forwarder = new Forwarder(emitter, subscription);
        emitter.onCompletion(subscription::cancel);
        emitter.onTimeout(() -> {
            subscription.cancel();
            emitter.complete();
        });
        emitter.onError(failure -> subscription.cancel());
        // Updates are buffered from the moment of subscribing, so nothing between the initial
        // answer and the first update is lost; a repeat of the same view is skipped.
        subscription.initialResult().subscribe(forwarder::send, forwarder::fail,
                () -> subscription.updates().subscribe(forwarder::send, forwarder::fail, forwarder::finish));
        return emitter;
    }

    /** Sends views to one client until the order is final. */
    private static final class Forwarder {
        private final SseEmitter emitter;
        private final SubscriptionQueryResult<?, ?> subscription;
        private final AtomicReference<OrderView> last = new AtomicReference<>();
        private volatile boolean done;

        Forwarder(SseEmitter emitter, SubscriptionQueryResult<?, ?> subscription) {
            this.emitter = emitter;
            this.subscription = subscription;
        }

        synchronized void send(OrderView view) {
            if (done || view.equals(last.get())) {
                return;
            }
            last.set(view);
            try {
                emitter.send(SseEmitter.event().name(EVENT_NAME).id(String.valueOf(view.timeline().size())).data(OrderResponse.of(view),
                        MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException clientGone) {
                done = true;
                subscription.cancel();
                return;
            }
            if (view.status().isFinal()) {
                finish();
            }
        }

        synchronized void fail(Throwable failure) {
            if (!done) {
                log.warn("Order status stream ended by a failure: {}", failure.toString());
                done = true;
                subscription.cancel();
                emitter.completeWithError(failure);
            }
        }

        synchronized void finish() {
            if (!done) {
                done = true;
                subscription.cancel();
                emitter.complete();
            }
        }
    }
}
