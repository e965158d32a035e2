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
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/**
 * Keeps table {@code payment} up to date and answers the payment queries from it. Every handler
 * is idempotent: replaying an event writes the same row again.
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
        if (!records.existsById(event.paymentId().value())) {
            records.save(new PaymentRecord(event.paymentId().value(), event.orderId(), event.customerId(),
                    event.amount(), event.currency(), event.method().type(), at));
        }
    }

    @EventHandler
    void on(PaymentCaptured event, @Timestamp Instant at) {
        records.findById(event.paymentId().value())
                .ifPresent(r -> r.captured(event.amount(), event.gateway(), event.gatewayReference(), at));
    }

    @EventHandler
    void on(PaymentDeclined event, @Timestamp Instant at) {
        records.findById(event.paymentId().value()).ifPresent(r -> r.declined(event.gateway(), event.reason(), at));
    }

    @EventHandler
    void on(PaymentVoided event, @Timestamp Instant at) {
        records.findById(event.paymentId().value()).ifPresent(r -> r.moved(PaymentStatus.VOIDED, at));
    }

    @EventHandler
    void on(PaymentRefundRequested event, @Timestamp Instant at) {
        records.findById(event.paymentId().value()).ifPresent(r -> r.moved(PaymentStatus.REFUND_PENDING, at));
    }

    @EventHandler
    void on(PaymentRefunded event, @Timestamp Instant at) {
        records.findById(event.paymentId().value()).ifPresent(r -> r.refunded(event.amount(), at));
    }

    @ResetHandler
    void reset() {
        records.deleteAllInBatch();
    }

    /** The payment, or {@code null} (Axon answers an empty optional to {@code optionalInstanceOf}). */
    @QueryHandler
    PaymentView handle(FindPaymentQuery query) {
        return records.findById(query.paymentId().value()).map(PaymentRecord::view).orElse(null);
    }

    @QueryHandler
    PaymentListView handle(FindPaymentsByOrderQuery query) {
        return list(records.findByOrderIdOrderByRequestedAtAsc(query.orderId()));
    }

    @QueryHandler
    PaymentPageView handle(FindPaymentsPageQuery query) {
        // One row more than asked: when it is there another page follows, so the asker learns
        // that the last page is the last without asking for an empty one after it.
        Limit oneMore = Limit.of(query.limit() + 1);
        String after = query.afterPaymentId() == null ? null : query.afterPaymentId().value();
        List<PaymentRecord> found;
        if (query.status() == null) {
            found = after == null ? records.findAllByOrderByPaymentIdAsc(oneMore)
                    : records.findByPaymentIdGreaterThanOrderByPaymentIdAsc(after, oneMore);
        } else {
            found = after == null ? records.findByStatusOrderByPaymentIdAsc(query.status(), oneMore)
                    : records.findByStatusAndPaymentIdGreaterThanOrderByPaymentIdAsc(query.status(), after, oneMore);
        }
        List<PaymentView> page = found.stream().limit(query.limit()).map(PaymentRecord::view).toList();
        return new PaymentPageView(page, found.size() > query.limit() ? page.get(page.size() - 1).paymentId() : null);
    }

    private static PaymentListView list(List<PaymentRecord> found) {
        return new PaymentListView(found.stream().map(PaymentRecord::view).toList());
    }
}
