package io.sagashop.payment.query;

/** What a payment id in a URL may look like. */
final class PaymentIds {

    static final String PATTERN = "[A-Za-z0-9._:-]{1,64}";

    private PaymentIds() {
    }
}
