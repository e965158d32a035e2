package io.sagashop.order.audit;

import io.sagashop.order.api.AuditReportView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /audit?maxViolations=} (ADMIN): the consistency audit, run now. */
@RestController
class AuditController {

    private final ConsistencyAudit audit;

    AuditController(ConsistencyAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasRole('ADMIN')")
    AuditReportView audit(@RequestParam(defaultValue = "1000") int maxViolations) {
        return audit.run(maxViolations);
    }
}
