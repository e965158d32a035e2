package io.sagashop.order.saga;

import java.time.Instant;

/**
 * Payload of the deadline the saga gives itself when the payment service answers its
 * {@code CancelPayment} with "no such payment": the request never reached it (every attempt was
 * undeliverable), so nothing was taken and nothing is left to cancel. A deadline, because the
 * answer arrives in a callback outside the saga's unit of work.
 *
 * @param paymentId the payment that does not exist
 * @param answeredAt when the payment service said so
 */
record PaymentAbsent(String paymentId, Instant answeredAt) {
}
