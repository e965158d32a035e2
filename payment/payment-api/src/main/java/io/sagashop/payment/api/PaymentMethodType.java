package io.sagashop.payment.api;

/** The kind of instrument a payment is made with; it decides which gateways may carry the payment. */
public enum PaymentMethodType {
    /** A card, charged through a card gateway (the wallet gateway can carry cards as a fallback). */
    CARD,
    /** A wallet account, charged only through the wallet gateway that holds it. */
    WALLET
}
