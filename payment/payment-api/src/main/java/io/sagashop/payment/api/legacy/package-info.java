/**
 * Reading events written before card tokenization: older versions stored the customer's card
 * number as the payment method's token; the upcaster here masks it whenever such an event is read.
 */
package io.sagashop.payment.api.legacy;
