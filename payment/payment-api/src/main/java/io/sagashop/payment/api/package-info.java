/**
 * The payment service's wire contract: commands, events, queries and views shared with the order saga and the audit.
 */
package io.sagashop.payment.api;
