/** Order scenarios against the real processes: outcomes, compensations, idempotency, contention. */
package io.sagashop.e2e.orders;
