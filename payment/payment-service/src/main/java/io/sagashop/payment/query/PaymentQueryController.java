package io.sagashop.payment.query;

import io.sagashop.payment.api.FindPaymentQuery;
import io.sagashop.payment.api.FindPaymentsByOrderQuery;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentListView;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.DomainError;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /payments/{id}} and {@code GET /payments?orderId=}: admins see every payment,
 * customers their own only (another customer's payment is a 404, like an unknown one). Answered through the query bus, like any other consumer would be.
 */
@RestController
@RequestMapping("/payments")
@Validated
class PaymentQueryController {

    private final QueryGateway queries;

    PaymentQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{paymentId}")
    PaymentResponse one(@PathVariable @Pattern(regexp = PaymentIds.PATTERN) String paymentId) {
        Optional<PaymentView> found = queries.query(new FindPaymentQuery(PaymentId.of(paymentId)),
                ResponseTypes.optionalInstanceOf(PaymentView.class)).join();
        // Someone else's payment is answered exactly like one that does not exist, so that
        // payment ids cannot be probed.
        return found.filter(view -> CurrentUser.isSelfOrAdmin(view.customerId()))
                .map(PaymentResponse::of)
                .orElseThrow(() -> DomainError.notFound("payment-not-found", "no payment " + paymentId).exception());
    }

    @GetMapping
    List<PaymentResponse> byOrder(@RequestParam @NotBlank String orderId) {
        return queries.query(new FindPaymentsByOrderQuery(orderId), PaymentListView.class).join().payments().stream()
                .filter(view -> CurrentUser.isSelfOrAdmin(view.customerId()))
                .map(PaymentResponse::of)
                .toList();
    }
}
