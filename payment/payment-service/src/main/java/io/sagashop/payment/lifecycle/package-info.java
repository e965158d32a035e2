/**
 * The Payment aggregate and its HTTP command endpoints: what may happen to a payment, and in which order.
 */
package io.sagashop.payment.lifecycle;
