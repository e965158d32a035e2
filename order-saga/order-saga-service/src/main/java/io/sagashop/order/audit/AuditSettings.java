package io.sagashop.order.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the audit needs to know of the order service's settings.
 *
 * @param deadline how long an order may take before the saga compensates ({@code sagashop.order.deadline})
 * @param audit    the audit's own settings
 */
@ConfigurationProperties("sagashop.order")
record AuditSettings(@DefaultValue("30s") Duration deadline, @DefaultValue Audit audit) {

    /**
     * @param grace how long past its deadline an order or saga may still be finishing (the
     *              deadline fires, then the saga compensates) before the audit reports it
     */
    record Audit(@DefaultValue("30s") Duration grace) {
    }
}
