package io.sagashop.order.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepView;
import io.sagashop.order.api.OrderView;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

@WebMvcTest(OrderStatusStream.class)
@WithTestTokens
class OrderStatusStreamTest {

    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @Autowired MockMvc mvc;
    @MockitoBean QueryGateway queries;

    @SuppressWarnings("unchecked")
    private final SubscriptionQueryResult<OrderView, OrderView> subscription = mock(SubscriptionQueryResult.class);
    private final Sinks.Many<OrderView> updates = Sinks.many().unicast().onBackpressureBuffer();

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anOrderThatIsPlaced() {
        OrderView placed = ALICES(OrderStatus.PLACED, 1);
        when(queries.query(any(FindOrderQuery.class), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(Optional.of(placed)));
        when(queries.subscriptionQuery(any(FindOrderQuery.class), any(ResponseType.class), any(ResponseType.class)))
                .thenReturn((SubscriptionQueryResult) subscription);
        when(subscription.initialResult()).thenReturn(Mono.just(placed));
        when(subscription.updates()).thenReturn(updates.asFlux());
    }

    @Test
    void sendsTheCurrentOrderThenEachChangeOnceAndCompletesAtAFinalStatus() throws Exception {
        MvcResult started = mvc.perform(get("/orders/o-1/status-stream")
                        .header("Authorization", TestTokens.bearer(TestTokens.customer("alice"))))
                .andExpect(request().asyncStarted()).andReturn();

        updates.tryEmitNext(ALICES(OrderStatus.PLACED, 1)); // the same view again: skipped
        updates.tryEmitNext(ALICES(OrderStatus.STOCK_RESERVED, 2));
        updates.tryEmitNext(ALICES(OrderStatus.CONFIRMED, 3));

        mvc.perform(asyncDispatch(started)).andExpect(status().isOk());
        String body = started.getResponse().getContentAsString();
        assertThat(body).contains("event:order");
        assertThat(statuses(body)).containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED");
        assertThat(body).contains("\"orderId\":\"o-1\"");
        verify(subscription, org.mockito.Mockito.atLeastOnce()).cancel();
    }

    @Test
    void someoneElsesOrderIsNotFoundAndNothingIsSubscribed() throws Exception {
        mvc.perform(get("/orders/o-1/status-stream").header("Authorization", TestTokens.bearer(TestTokens.customer("bob"))))
                .andExpect(status().isNotFound());
        verify(queries, never()).subscriptionQuery(any(FindOrderQuery.class), any(ResponseType.class), any(ResponseType.class));
    }

    private static List<String> statuses(String body) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("data:\\{[^\\n]*?\"status\":\"([A-Z_]+)\"").matcher(body);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static OrderView ALICES(OrderStatus status, int steps) {
        List<OrderStepView> timeline = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            timeline.add(new OrderStepView("STEP" + i, AT.plusSeconds(i), null));
        }
        return new OrderView(OrderQueryControllerTest.ALICES.orderId(), "alice", status, OrderQueryControllerTest.ALICES.lines(),
                OrderQueryControllerTest.ALICES.total(), "EUR", null, null, null, null, null, null, AT, AT.plusSeconds(steps),
                timeline);
    }
}
