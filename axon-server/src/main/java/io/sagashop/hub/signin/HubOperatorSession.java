package io.sagashop.hub.signin;

import io.sagashop.inspection.web.OperatorSession;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The saga pages' operator on the hub: whoever the {@link SignInFilter} let through (a shop
 * account's e-mail or {@code token:<application>}), recorded in the hub's {@link AuditTrail}.
 */
@Component
class HubOperatorSession implements OperatorSession {

    private final AuditTrail audit;

    HubOperatorSession(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public String operator(HttpServletRequest request) {
        return Operator.of(request).name();
    }

    @Override
    public void audit(HttpServletRequest request, String action, String target, String outcome) {
        audit.record(Operator.of(request), action, target, outcome);
    }
}
