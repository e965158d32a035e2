package io.sagashop.order.audit;

import io.sagashop.inspection.ConsistencyCheck;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.ConsistencyViolationView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The audit as the inspection protocol's consistency report: a console asks every application
 * with {@code ConsistencyReportQuery} and gets this one from the order service. Invariants become
 * rules, a violation's order, payment and product its subjects (only those it names: the order id
 * is also the key of the order's sagas).
 */
@Component
class AuditConsistencyCheck implements ConsistencyCheck {

    private final ConsistencyAudit audit;

    AuditConsistencyCheck(ConsistencyAudit audit) {
        this.audit = audit;
    }

    @Override
    public ConsistencyReportView report(String application, int maxViolations) {
        return view(application, audit.run(maxViolations));
    }

    static ConsistencyReportView view(String application, AuditReportView report) {
        Map<String, Integer> checked = new LinkedHashMap<>();
        checked.put("orders", report.orders());
        checked.put("payments", report.payments());
        checked.put("products", report.products());
        return new ConsistencyReportView(application, report.checkedAt(), checked, report.violationsByInvariant(),
                report.violations().stream().map(AuditConsistencyCheck::violation).toList());
    }

    private static ConsistencyViolationView violation(AuditViolationView violation) {
        Map<String, String> subjects = new LinkedHashMap<>();
        if (violation.orderId() != null) {
            subjects.put("orderId", violation.orderId());
        }
        if (violation.paymentId() != null) {
            subjects.put("paymentId", violation.paymentId());
        }
        if (violation.productId() != null) {
            subjects.put("productId", violation.productId());
        }
        return new ConsistencyViolationView(violation.invariant(), violation.description(), subjects);
    }
}
