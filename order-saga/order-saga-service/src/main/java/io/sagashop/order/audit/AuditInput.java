package io.sagashop.order.audit;

import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.order.api.OrderView;
import io.sagashop.payment.api.PaymentView;
import java.util.List;

/**
 * Everything the audit compares, gathered from the services.
 *
 * @param orders      every order view
 * @param payments    every payment
 * @param stock       every product's stock figures
 * @param stuckSagas  the order sagas the inspection journal holds as stuck
 */
record AuditInput(List<OrderView> orders, List<PaymentView> payments, StockLevelsListView stock, List<SagaSummaryView> stuckSagas) {
}
