package io.sagashop.payment.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import java.math.BigDecimal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(PaymentCommandController.class)
@WithTestTokens
@ExtendWith(OutputCaptureExtension.class)
class PaymentCommandControllerTest {

    private static final String VALID = """
            {"paymentId":"pay-1","orderId":"order-1","customerId":"customer-1","amount":19.99,"currency":"EUR",
             "method":{"type":"CARD","token":"tok_8d1e2f","brand":"visa","last4":"4242"}}""";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CommandGateway commands;

    @Test
    void anAdminRequestsAPaymentAndGetsItsStatus() throws Exception {
        when(commands.sendAndWait(any())).thenReturn(PaymentStatus.REQUESTED);

        mvc.perform(asAdmin(post("/payments")).content(VALID))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.paymentId").value("pay-1"))
                .andExpect(jsonPath("$.status").value("REQUESTED"));

        verify(commands).sendAndWait(new RequestPayment(PaymentId.of("pay-1"), "order-1", "customer-1",
                new BigDecimal("19.99"), "EUR", PaymentMethod.card("tok_8d1e2f", "visa", "4242")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing orderId | \"orderId\":\"order-1\", | | orderId",
            "blank customerId | \"customer-1\" | \" \" | customerId",
            "negative amount | 19.99 | -5 | amount",
            "zero amount | 19.99 | 0 | amount",
            "three decimals | 19.99 | 1.005 | amount",
            "amount not a number | 19.99 | \"lots\" | amount",
            "lower-case currency | \"EUR\" | \"eur\" | currency",
            "unknown method type | \"CARD\" | \"CASH\" | method.type",
            "blank token | \"tok_8d1e2f\" | \"\" | method.token",
            "brand not a brand | \"visa\" | \"<b>\" | method.brand",
            "last4 not four digits | \"4242\" | \"42424\" | method.last4",
            "bad payment id | \"pay-1\" | \"pay 1/x\" | paymentId"})
    void refusesInvalidInputNamingTheFieldAndSendsNoCommand(String name, String from, String to, String field)
            throws Exception {
        String body = VALID.replace(from, to == null ? "" : to);

        mvc.perform(asAdmin(post("/payments")).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));

        verifyNoInteractions(commands);
    }

    @Test
    void refusesMalformedJsonAndSendsNoCommand() throws Exception {
        mvc.perform(asAdmin(post("/payments")).content("{\"orderId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        verifyNoInteractions(commands);
    }

    @Test
    void aCustomerMayNotRequestPayments() throws Exception {
        mvc.perform(post("/payments").header("Authorization", TestTokens.bearer(TestTokens.customer()))
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        verifyNoInteractions(commands);
    }

    @ParameterizedTest
    @CsvSource({"4242424242424242", "4000 0000 0000 0002", "5555-5555-5555-4444", "378282246310005"})
    void refusesACardNumberAsTokenNamingTheFieldWithoutRepeatingIt(String number, CapturedOutput output)
            throws Exception {
        String body = VALID.replace("tok_8d1e2f", number);

        String answer = mvc.perform(asAdmin(post("/payments")).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("card-number-refused"))
                .andExpect(jsonPath("$.errors[0].field").value("method.token"))
                .andReturn().getResponse().getContentAsString();

        assertThat(answer).doesNotContain(number).doesNotContain(number.replaceAll("[ -]", ""));
        assertThat(output.getAll()).doesNotContain(number).doesNotContain(number.replaceAll("[ -]", ""));
        verifyNoInteractions(commands);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a valid body | {\"orderId\":\"o\"}",
            "an invalid body | {\"amount\":-1}",
            "malformed JSON | {\"orderId\":",
            "a card number | {\"method\":{\"type\":\"CARD\",\"token\":\"4242424242424242\"}}"})
    void aCustomerIsRefusedBeforeTheBodyIsLookedAt(String name, String body) throws Exception {
        mvc.perform(post("/payments").header("Authorization", TestTokens.bearer(TestTokens.customer()))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors").doesNotExist());
        mvc.perform(post("/payments/pay-1/refund").header("Authorization", TestTokens.bearer(TestTokens.customer()))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());

        verifyNoInteractions(commands);
    }

    @Test
    void anAnonymousCallerIsUnauthorized() throws Exception {
        mvc.perform(post("/payments/pay-1/cancel").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());

        verifyNoInteractions(commands);
    }

    @Test
    void cancellingAnUnknownPaymentIsNotFound() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateNotFoundException("nope", "not found"));

        mvc.perform(asAdmin(post("/payments/nope/cancel")).content("{\"reason\":\"oops\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        verify(commands).sendAndWait(new CancelPayment(PaymentId.of("nope"), "oops"));
    }

    @Test
    void refundingAPaymentThatWasNeverCapturedIsAConflict() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(DomainError.conflict("payment-not-captured",
                "payment pay-1 is VOIDED: nothing was captured to refund").exception());

        mvc.perform(asAdmin(post("/payments/pay-1/refund")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("payment-not-captured"));

        verify(commands).sendAndWait(new RefundPayment(PaymentId.of("pay-1"), "refunded by an operator"));
    }

    @Test
    void refusesATooLongReason() throws Exception {
        mvc.perform(asAdmin(post("/payments/pay-1/cancel")).content("{\"reason\":\"" + "x".repeat(300) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));

        verifyNoInteractions(commands);
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .contentType(MediaType.APPLICATION_JSON);
    }
}
