package io.sagashop.payment.api;

/**
 * The payment was cancelled before any money was taken. Should a capture still arrive later,
 * it is recorded and refunded at once ({@link PaymentCaptured} then {@link PaymentRefundRequested}).
 *
 * @param paymentId the payment
 * @param orderId   the order it was for
 * @param reason    why it was cancelled
 */
public record PaymentVoided(PaymentId paymentId, String orderId, String reason) {
}
