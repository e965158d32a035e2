package io.sagashop.inspection.api;

import java.util.List;

/**
 * One saga in full: its summary and everything it received and did, oldest first.
 *
 * @param summary  the saga at a glance
 * @param timeline events in, commands out, deadlines, retries, compensations, operator actions
 */
public record SagaDetailView(SagaSummaryView summary, List<SagaTimelineEntryView> timeline) {
    public SagaDetailView {
        timeline = List.copyOf(timeline);
    }
}
