package io.sagashop.payment.query;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.payment.api.FindPaymentQuery;
import io.sagashop.payment.api.FindPaymentsByOrderQuery;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentListView;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(PaymentQueryController.class)
@WithTestTokens
class PaymentQueryControllerTest {

    private static final PaymentView VIEW = new PaymentView(PaymentId.of("pay-1"), "order-1", "alice",
            new BigDecimal("10.00"), "EUR", PaymentMethodType.CARD, PaymentStatus.CAPTURED, new BigDecimal("10.00"),
            BigDecimal.ZERO, "card", "ch_1", null, Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z"));

    @Autowired
    MockMvc mvc;
    @MockitoBean
    QueryGateway queries;

    @Test
    void theOwnerSeesThePayment() throws Exception {
        answer(FindPaymentQuery.class, Optional.of(VIEW));

        mvc.perform(get("/payments/pay-1").header("Authorization", TestTokens.bearer(TestTokens.customer("alice"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CAPTURED"))
                .andExpect(jsonPath("$.paymentId").value("pay-1"))
                .andExpect(jsonPath("$.capturedAmount").value(10.00))
                .andExpect(jsonPath("$.netAmount").value(10.00));
    }

    @Test
    void anotherCustomersPaymentIsAnsweredExactlyLikeAnUnknownOne() throws Exception {
        answer(FindPaymentQuery.class, Optional.of(VIEW));
        String notYours = mvc.perform(get("/payments/pay-1")
                        .header("Authorization", TestTokens.bearer(TestTokens.customer("bob"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString();

        answer(FindPaymentQuery.class, Optional.empty());
        String unknown = mvc.perform(get("/payments/pay-1")
                        .header("Authorization", TestTokens.bearer(TestTokens.customer("bob"))))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();

        org.assertj.core.api.Assertions.assertThat(notYours.replaceAll("\"correlationId\":\"[^\"]*\"", ""))
                .isEqualTo(unknown.replaceAll("\"correlationId\":\"[^\"]*\"", ""));
    }

    @Test
    void anUnknownPaymentIsNotFound() throws Exception {
        answer(FindPaymentQuery.class, Optional.empty());

        mvc.perform(get("/payments/nope").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aMalformedPaymentIdIsRefusedNamingIt() throws Exception {
        mvc.perform(get("/payments/{id}", "a b").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("paymentId"));

        verifyNoInteractions(queries);
    }

    @Test
    void listingByOrderNeedsTheOrderId() throws Exception {
        mvc.perform(get("/payments").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/payments?orderId= ").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("orderId"));

        verifyNoInteractions(queries);
    }

    @Test
    void aCustomerListsOnlyTheirOwnPaymentsOfAnOrder() throws Exception {
        PaymentView bobs = new PaymentView(PaymentId.of("pay-2"), "order-1", "bob", VIEW.amount(), "EUR",
                PaymentMethodType.WALLET, PaymentStatus.DECLINED, BigDecimal.ZERO, BigDecimal.ZERO, "wallet", "wp_1",
                "wallet_declined", VIEW.requestedAt(), VIEW.updatedAt());
        answerList(new PaymentListView(List.of(VIEW, bobs)));

        mvc.perform(get("/payments?orderId=order-1").header("Authorization", TestTokens.bearer(TestTokens.customer("alice"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].paymentId").value("pay-1"));
        mvc.perform(get("/payments?orderId=order-1").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    void anAnonymousCallerIsUnauthorized() throws Exception {
        mvc.perform(get("/payments/pay-1")).andExpect(status().isUnauthorized());

        verifyNoInteractions(queries);
    }

    private void answerList(PaymentListView list) {
        when(queries.query(any(FindPaymentsByOrderQuery.class), org.mockito.ArgumentMatchers.eq(PaymentListView.class)))
                .thenReturn(CompletableFuture.completedFuture(list));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <Q> void answer(Class<Q> query, Object result) {
        when(queries.query(any(query), any(ResponseType.class))).thenReturn((CompletableFuture) CompletableFuture.completedFuture(result));
    }
}
