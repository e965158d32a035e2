package io.sagashop.payment.lifecycle;

import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.CapturePayment;
import io.sagashop.payment.api.CompleteRefund;
import io.sagashop.payment.api.DeclinePayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.platform.DomainError;
import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentTest {

    private static final PaymentId ID = PaymentId.of("pay-1");
    private static final BigDecimal AMOUNT = new BigDecimal("99.90");
    private static final PaymentMethod CARD = PaymentMethod.card("tok_5f0c1a9e", "visa", "4242");
    private static final RequestPayment REQUEST = new RequestPayment(ID, "order-1", "customer-1", AMOUNT, "EUR", CARD);
    private static final PaymentRequested REQUESTED = new PaymentRequested(ID, "order-1", "customer-1", AMOUNT, "EUR", CARD);
    private static final PaymentCaptured CAPTURED = new PaymentCaptured(ID, "order-1", AMOUNT, "EUR", "card", "ch_1");
    private static final PaymentDeclined DECLINED = new PaymentDeclined(ID, "order-1", "card", "card_declined");
    private static final PaymentVoided VOIDED = new PaymentVoided(ID, "order-1", "order expired");
    private static final PaymentRefundRequested REFUND_REQUESTED =
            new PaymentRefundRequested(ID, "order-1", AMOUNT, "EUR", "card", "ch_1", "order cancelled");
    private static final PaymentRefunded REFUNDED = new PaymentRefunded(ID, "order-1", AMOUNT, "EUR", "re_1");

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    // RequestPayment

    @Test
    void requestingAPaymentRecordsItAsRequested() {
        fixture.givenNoPriorActivity()
                .when(REQUEST)
                .expectSuccessfulHandlerExecution()
                .expectEvents(REQUESTED)
                .expectResultMessagePayload(PaymentStatus.REQUESTED);
    }

    @Test
    void requestingTheSamePaymentTwiceAnswersTheCurrentStatusAndAppliesNothing() {
        fixture.given(REQUESTED, CAPTURED)
                .when(new RequestPayment(ID, "order-1", "customer-1", new BigDecimal("99.9"), "EUR", CARD))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CAPTURED);
    }

    @Test
    void refusesTheSamePaymentIdWithADifferentAmount() {
        fixture.given(REQUESTED)
                .when(new RequestPayment(ID, "order-1", "customer-1", new BigDecimal("5.00"), "EUR", CARD))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 was already requested with different details")
                .expectExceptionDetails(DomainError.conflict("payment-id-reused", "paymentId",
                        "payment pay-1 was already requested with different details"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1.00"})
    void refusesAnAmountThatIsNotPositive(String amount) {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", "customer-1", new BigDecimal(amount), "EUR", CARD))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("amount must be greater than zero")
                .expectExceptionDetails(DomainError.invalid("invalid-payment", "amount", "amount must be greater than zero"));
    }

    @Test
    void refusesAnAmountWithMoreThanTwoDecimals() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", "customer-1", new BigDecimal("1.005"), "EUR", CARD))
                .expectNoEvents()
                .expectExceptionMessage("amount must have at most two decimals");
    }

    @Test
    void refusesACurrencyThatIsNotAnIsoCode() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", "customer-1", AMOUNT, "euro", CARD))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("currency must be an ISO 4217 code such as EUR");
    }

    @Test
    void refusesAMissingOrderId() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, " ", "customer-1", AMOUNT, "EUR", CARD))
                .expectNoEvents()
                .expectExceptionMessage("orderId must not be blank");
    }

    @Test
    void refusesAMissingCustomerId() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", null, AMOUNT, "EUR", CARD))
                .expectNoEvents()
                .expectExceptionMessage("customerId must not be blank");
    }

    @Test
    void refusesAMissingMethod() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", "customer-1", AMOUNT, "EUR", null))
                .expectNoEvents()
                .expectExceptionMessage("method.type must be CARD or WALLET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "4000 0000 0000 0002", "5555-5555-5555-4444"})
    void refusesACardNumberWhereTheProvidersTokenBelongs(String number) {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", "customer-1", AMOUNT, "EUR", PaymentMethod.card(number)))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(DomainError.invalid("card-number-refused", "method.token",
                        "method.token must be the payment provider's token, never a card number: tokenize the card"
                                + " at the provider first"));
    }

    @Test
    void refusesAMethodWithoutToken() {
        fixture.givenNoPriorActivity()
                .when(new RequestPayment(ID, "order-1", "customer-1", AMOUNT, "EUR", PaymentMethod.wallet("")))
                .expectNoEvents()
                .expectExceptionMessage("method.token must not be blank");
    }

    // CapturePayment

    @Test
    void captureRecordsTheGatewayAndItsReference() {
        fixture.given(REQUESTED)
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectEvents(CAPTURED)
                .expectResultMessagePayload(PaymentStatus.CAPTURED);
    }

    @Test
    void aSecondCaptureChangesNothing() {
        fixture.given(REQUESTED, CAPTURED)
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CAPTURED);
    }

    @Test
    void aCaptureAfterTheRefundChangesNothing() {
        fixture.given(REQUESTED, CAPTURED, REFUND_REQUESTED, REFUNDED)
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.REFUNDED);
    }

    @Test
    void aCaptureThatArrivesAfterTheVoidIsRecordedAndRefundedAtOnce() {
        fixture.given(REQUESTED, VOIDED)
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectEvents(CAPTURED, new PaymentRefundRequested(ID, "order-1", AMOUNT, "EUR", "card", "ch_1",
                        "captured after the payment was voided"))
                .expectResultMessagePayload(PaymentStatus.REFUND_PENDING);
    }

    @Test
    void refusesToCaptureADeclinedPayment() {
        fixture.given(REQUESTED, DECLINED)
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 was declined and cannot be captured");
    }

    @Test
    void refusesToCaptureAnUnknownPayment() {
        fixture.givenNoPriorActivity()
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    // DeclinePayment

    @Test
    void declineRecordsTheReason() {
        fixture.given(REQUESTED)
                .when(new DeclinePayment(ID, "card", "card_declined"))
                .expectEvents(DECLINED)
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void aSecondDeclineChangesNothing() {
        fixture.given(REQUESTED, DECLINED)
                .when(new DeclinePayment(ID, "card", "card_declined"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void aDeclineAfterTheVoidChangesNothing() {
        fixture.given(REQUESTED, VOIDED)
                .when(new DeclinePayment(ID, "card", "card_declined"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void refusesToDeclineACapturedPayment() {
        fixture.given(REQUESTED, CAPTURED)
                .when(new DeclinePayment(ID, "card", "card_declined"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 is CAPTURED and cannot be declined");
    }

    // CancelPayment

    @Test
    void cancellingBeforeCaptureVoidsThePayment() {
        fixture.given(REQUESTED)
                .when(new CancelPayment(ID, "order expired"))
                .expectEvents(VOIDED)
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void cancellingACapturedPaymentRequestsARefundFromItsGateway() {
        fixture.given(REQUESTED, CAPTURED)
                .when(new CancelPayment(ID, "order cancelled"))
                .expectEvents(REFUND_REQUESTED)
                .expectResultMessagePayload(PaymentStatus.REFUND_PENDING);
    }

    @Test
    void cancellingTwiceChangesNothing() {
        fixture.given(REQUESTED, VOIDED)
                .when(new CancelPayment(ID, "order expired"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void cancellingADeclinedPaymentChangesNothing() {
        fixture.given(REQUESTED, DECLINED)
                .when(new CancelPayment(ID, "order rejected"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void cancellingWhileARefundIsPendingChangesNothing() {
        fixture.given(REQUESTED, CAPTURED, REFUND_REQUESTED)
                .when(new CancelPayment(ID, "order cancelled"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.REFUND_PENDING);
    }

    // CancelPayment before the payment was ever requested (the saga's RequestPayment delayed)

    @Test
    void theSagasCancellationOfAnUnrequestedPaymentVoidsItsId() {
        fixture.givenNoPriorActivity()
                .when(new CancelPayment(ID, "order expired", "order-1"))
                .expectEvents(VOIDED)
                .expectResultMessagePayload(PaymentStatus.VOIDED);
    }

    @Test
    void aRequestArrivingAfterTheVoidIsRefusedAndChargesNothing() {
        fixture.given(VOIDED)
                .when(REQUEST)
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 was cancelled before it was requested")
                .expectExceptionDetails(DomainError.conflict("payment-voided",
                        "payment pay-1 was cancelled before it was requested"));
    }

    @Test
    void aCaptureOfAPaymentNeverRequestedIsRefused() {
        fixture.given(VOIDED)
                .when(new CapturePayment(ID, "card", "ch_1"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 was cancelled before it was requested");
    }

    @Test
    void cancellingAnUnknownPaymentWithoutItsOrderIsNotFoundAndStoresNothing() {
        fixture.givenNoPriorActivity()
                .when(new CancelPayment(ID, "cancelled by an operator"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(DomainError.notFound("not-found", "Nothing found with id pay-1"));
    }

    // RefundPayment

    @Test
    void refundingACapturedPaymentRequestsTheRefund() {
        fixture.given(REQUESTED, CAPTURED)
                .when(new RefundPayment(ID, "order cancelled"))
                .expectEvents(REFUND_REQUESTED)
                .expectResultMessagePayload(PaymentStatus.REFUND_PENDING);
    }

    @Test
    void refundingTwiceChangesNothing() {
        fixture.given(REQUESTED, CAPTURED, REFUND_REQUESTED, REFUNDED)
                .when(new RefundPayment(ID, "order cancelled"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.REFUNDED);
    }

    @Test
    void refusesToRefundAPaymentThatWasNeverCaptured() {
        fixture.given(REQUESTED)
                .when(new RefundPayment(ID, "order cancelled"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 is REQUESTED: nothing was captured to refund");
    }

    @Test
    void refusesToRefundAVoidedPayment() {
        fixture.given(REQUESTED, VOIDED)
                .when(new RefundPayment(ID, "order cancelled"))
                .expectNoEvents()
                .expectExceptionMessage("payment pay-1 is VOIDED: nothing was captured to refund");
    }

    // CompleteRefund

    @Test
    void completingTheRefundRecordsTheMoneyAsGivenBack() {
        fixture.given(REQUESTED, CAPTURED, REFUND_REQUESTED)
                .when(new CompleteRefund(ID, "re_1"))
                .expectEvents(REFUNDED)
                .expectResultMessagePayload(PaymentStatus.REFUNDED);
    }

    @Test
    void completingTheRefundTwiceChangesNothing() {
        fixture.given(REQUESTED, CAPTURED, REFUND_REQUESTED, REFUNDED)
                .when(new CompleteRefund(ID, "re_1"))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.REFUNDED);
    }

    @Test
    void refusesToCompleteARefundThatWasNeverRequested() {
        fixture.given(REQUESTED, CAPTURED)
                .when(new CompleteRefund(ID, "re_1"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("payment pay-1 is CAPTURED: no refund was requested");
    }
}
