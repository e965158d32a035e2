package io.sagashop.order.api;

import java.util.List;

/**
 * One saga in full: its summary and everything it received and did, oldest first.
 *
 * @param summary  the saga at a glance
 * @param timeline events in, commands out, deadlines, retries, compensations, operator actions
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record SagaDetailView(SagaSummaryView summary, List<SagaTimelineEntryView> timeline) {

    public SagaDetailView {
        timeline = List.copyOf(timeline);
    }
}
