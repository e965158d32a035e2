package io.sagashop.order.tracking;

import io.sagashop.order.api.OrderStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Table {@code order_view}. */
interface OrderEntries extends JpaRepository<OrderEntry, String> {

    Page<OrderEntry> findByCustomerId(String customerId, Pageable pageable);

    Page<OrderEntry> findByStatus(OrderStatus status, Pageable pageable);

    Page<OrderEntry> findByCustomerIdAndStatus(String customerId, OrderStatus status, Pageable pageable);
}
