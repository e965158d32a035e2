/**
 * Payment gateways behind one interface: the HTTP adapters, their retries and circuit breakers, and the routing with failover by payment method.
 */
package io.sagashop.payment.gateway;
