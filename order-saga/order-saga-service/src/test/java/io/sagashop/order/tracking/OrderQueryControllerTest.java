package io.sagashop.order.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.FindOrdersQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPageView;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepView;
import io.sagashop.order.api.OrderView;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(OrderQueryController.class)
@WithTestTokens
class OrderQueryControllerTest {

    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    static final OrderView ALICES = new OrderView(OrderId.of("o-1"), "alice", OrderStatus.PLACED,
            List.of(new OrderLine(ProductId.of("kettle"), "KET-1", "Kettle", 2, new BigDecimal("24.50"))),
            new BigDecimal("49.00"), "EUR", PaymentMethodType.CARD, null, null, null, null, null, AT, AT,
            List.of(new OrderStepView("PLACED", AT, null)));

    @Autowired MockMvc mvc;
    @MockitoBean QueryGateway queries;

    @Test
    void aCustomerSeesTheirOwnOrder() throws Exception {
        answer(Optional.of(ALICES));

        mvc.perform(get("/orders/o-1").header("Authorization", TestTokens.bearer(TestTokens.customer("alice"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PLACED"))
                .andExpect(jsonPath("$.total").value(49.00))
                .andExpect(jsonPath("$.lines[0].unitPrice").value(24.50))
                .andExpect(jsonPath("$.timeline[0].step").value("PLACED"))
                .andExpect(jsonPath("$.timeline[0].at").value("2026-11-26T10:00:00Z"));
    }

    @Test
    void anotherCustomersOrderIsNotFoundButAnAdminSeesIt() throws Exception {
        answer(Optional.of(ALICES));

        mvc.perform(get("/orders/o-1").header("Authorization", TestTokens.bearer(TestTokens.customer("bob"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/orders/o-1").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isOk());
    }

    @Test
    void anUnknownOrderIsNotFound() throws Exception {
        answer(Optional.empty());
        mvc.perform(get("/orders/nope").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isNotFound());
    }

    @Test
    void aCustomerListsOnlyTheirOwnOrdersAndAnAdminEveryones() throws Exception {
        when(queries.query(any(FindOrdersQuery.class), eq(OrderPageView.class)))
                .thenReturn(CompletableFuture.completedFuture(new OrderPageView(List.of(ALICES), 0, 20, 1)));

        mvc.perform(get("/orders?status=PLACED&page=0&size=20")
                        .header("Authorization", TestTokens.bearer(TestTokens.customer("alice"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders[0].orderId").value("o-1"))
                .andExpect(jsonPath("$.totalElements").value(1));
        mvc.perform(get("/orders").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isOk());

        ArgumentCaptor<FindOrdersQuery> asked = ArgumentCaptor.forClass(FindOrdersQuery.class);
        verify(queries, org.mockito.Mockito.times(2)).query(asked.capture(), eq(OrderPageView.class));
        assertThat(asked.getAllValues().get(0)).isEqualTo(new FindOrdersQuery("alice", OrderStatus.PLACED, 0, 20));
        assertThat(asked.getAllValues().get(1)).isEqualTo(new FindOrdersQuery(null, null, 0, 20));
    }

    @Test
    void badPagingOrStatusIsRefusedNamingTheParameter() throws Exception {
        String token = TestTokens.bearer(TestTokens.customer("alice"));
        mvc.perform(get("/orders?size=0").header("Authorization", token))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/orders?size=201").header("Authorization", token))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/orders?page=-1").header("Authorization", token))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/orders?status=SHIPPED").header("Authorization", token))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));
        verifyNoInteractions(queries);
    }

    @Test
    void anAnonymousCallerIsUnauthorized() throws Exception {
        mvc.perform(get("/orders/o-1")).andExpect(status().isUnauthorized());
        verifyNoInteractions(queries);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void answer(Optional<OrderView> view) {
        when(queries.query(any(FindOrderQuery.class), any(ResponseType.class)))
                .thenReturn((CompletableFuture) CompletableFuture.completedFuture(view));
    }
}
