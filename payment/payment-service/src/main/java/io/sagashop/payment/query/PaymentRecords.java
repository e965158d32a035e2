package io.sagashop.payment.query;

import io.sagashop.payment.api.PaymentStatus;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Table {@code payment}. The pages of {@code FindPaymentsPageQuery} are ranges of the primary key
 * (index {@code payment_status_id} with a status), one method per first/next page rather than a
 * sentinel id to start after: the database's collation, not Java, decides which ids sort first.
 */
interface PaymentRecords extends JpaRepository<PaymentRecord, String> {

    List<PaymentRecord> findByOrderIdOrderByRequestedAtAsc(String orderId);

    List<PaymentRecord> findAllByOrderByPaymentIdAsc(Limit limit);

    List<PaymentRecord> findByPaymentIdGreaterThanOrderByPaymentIdAsc(String after, Limit limit);

    List<PaymentRecord> findByStatusOrderByPaymentIdAsc(PaymentStatus status, Limit limit);

    List<PaymentRecord> findByStatusAndPaymentIdGreaterThanOrderByPaymentIdAsc(PaymentStatus status, String after, Limit limit);
}
