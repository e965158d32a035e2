/**
 * The read side: the payments table kept up to date from events, the Axon query handlers for the saga and the audit, and the HTTP queries.
 */
package io.sagashop.payment.query;
