package io.sagashop.payment.query;

import io.sagashop.payment.api.FindPaymentQuery;
import io.sagashop.payment.api.FindPaymentsByOrderQuery;
import io.sagashop.payment.api.FindPaymentsPageQuery;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentListView;
import io.sagashop.payment.api.PaymentPageView;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.payment.api.PaymentVoided;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps table {@code payment} up to date and answers the payment queries from it. Every handler
 * is idempotent: a replayed {@code PaymentRequested} finds its row and leaves it as it is, and
 * the other events set the values they carry, so applying one again writes the same row.
 */
@Component
@ProcessingGroup("payment-projection")
class PaymentProjection {

    private final PaymentRecords records;

    PaymentProjection(PaymentRecords records) {
        this.records = records;
    }

    @EventHandler
    void on(PaymentRequested event, @Timestamp Instant at) {
        records.requested(event, at);
    }

    @EventHandler
    void on(PaymentCaptured event, @Timestamp Instant at) {
        records.captured(event.paymentId().value(), event.amount(), event.gateway(), event.gatewayReference(), at);
    }

    @EventHandler
    void on(PaymentDeclined event, @Timestamp Instant at) {
        records.declined(event.paymentId().value(), event.gateway(), event.reason(), at);
    }

    @EventHandler
    void on(PaymentVoided event, @Timestamp Instant at) {
        records.moved(event.paymentId().value(), PaymentStatus.VOIDED, at);
    }

    @EventHandler
    void on(PaymentRefundRequested event, @Timestamp Instant at) {
        records.moved(event.paymentId().value(), PaymentStatus.REFUND_PENDING, at);
    }

    @EventHandler
    void on(PaymentRefunded event, @Timestamp Instant at) {
        records.refunded(event.paymentId().value(), event.amount(), at);
    }

    @ResetHandler
    void reset() {
        records.deleteAll();
    }

    /** The payment, or {@code null} (Axon answers an empty optional to {@code optionalInstanceOf}). */
    @QueryHandler
    PaymentView handle(FindPaymentQuery query) {
        return records.find(query.paymentId().value()).orElse(null);
    }

    @QueryHandler
    PaymentListView handle(FindPaymentsByOrderQuery query) {
        return new PaymentListView(records.ofOrder(query.orderId()));
    }

    @QueryHandler
    PaymentPageView handle(FindPaymentsPageQuery query) {
        // One row more than asked: when it is there another page follows, so the asker learns
        // that the last page is the last without asking for an empty one after it.
        String after = query.afterPaymentId() == null ? null : query.afterPaymentId().value();
        List<PaymentView> found = records.page(query.status(), after, query.limit() + 1);
        List<PaymentView> page = found.stream().limit(query.limit()).toList();
        return new PaymentPageView(page, found.size() > query.limit() ? page.get(page.size() - 1).paymentId() : null);
    }
}
