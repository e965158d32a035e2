package io.sagashop.notification.history;

import io.sagashop.notification.api.FindNotificationsQuery;
import io.sagashop.notification.api.NotificationListView;
import io.sagashop.notification.api.NotificationView;
import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.DomainError;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /notifications?orderId=} and {@code ?customerId=}: what was sent, when, by which
 * channel, to whom, with which status. Admins see everything; a customer sees their own only
 * (another customer's id is 403; an order of someone else's shows nothing).
 */
@RestController
@RequestMapping("/notifications")
@Validated
class NotificationController {

    private final QueryGateway queries;

    NotificationController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    List<NotificationView> find(@RequestParam(required = false) @Size(min = 1, max = 64) String orderId,
                                @RequestParam(required = false) @Size(min = 1, max = 64) String customerId) {
        if (blank(orderId) && blank(customerId)) {
            throw DomainError.invalid("order-or-customer-needed", "orderId", "give an orderId or a customerId").exception();
        }
        if (!blank(customerId) && !CurrentUser.isSelfOrAdmin(customerId)) {
            throw DomainError.forbidden("not-your-notifications", "those are someone else's notifications").exception();
        }
        return queries.query(new FindNotificationsQuery(orderId, customerId), NotificationListView.class).join()
                .notifications().stream()
                .filter(view -> CurrentUser.isSelfOrAdmin(view.customerId()))
                .toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
