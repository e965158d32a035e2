package io.sagashop.payment.query;

import io.sagashop.payment.api.PaymentStatus;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Table {@code payment}. */
interface PaymentRecords extends JpaRepository<PaymentRecord, String> {

    List<PaymentRecord> findByOrderIdOrderByRequestedAtAsc(String orderId);

    List<PaymentRecord> findByStatusOrderByRequestedAtAsc(PaymentStatus status);

    List<PaymentRecord> findAllByOrderByRequestedAtAsc();
}
