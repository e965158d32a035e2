package io.sagashop.order.audit;

import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.SagaListView;
import io.sagashop.payment.api.PaymentListView;
import java.util.List;

/**
 * Everything the audit compares, gathered from the services.
 *
 * @param orders      every order view
 * @param payments    every payment
 * @param stock       every product's stock figures
 * @param stuckSagas  the sagas the saga side reports stuck
 */
record AuditInput(List<OrderView> orders, PaymentListView payments, StockLevelsListView stock, SagaListView stuckSagas) {
}
