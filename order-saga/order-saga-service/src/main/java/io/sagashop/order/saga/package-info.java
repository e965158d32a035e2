/**
 * The order saga: it coordinates catalog and payment for one order (reserve, pay, commit, or
 * compensate), its persistent deadlines and retries, and what it writes to the saga-inspection
 * library's journal. Its two types ({@code OrderSaga}, {@code OrderCancellationSaga}) take operator
 * actions through the library's protocol ({@link io.sagashop.order.saga.OrderSagaActions}).
 */
package io.sagashop.order.saga;
