package io.sagashop.inspection.api;

import java.time.Instant;
import java.util.List;

/**
 * One saga at a glance.
 *
 * @param sagaType         its type
 * @param sagaId           its id in the saga store
 * @param application      the application that runs it
 * @param key              the business key it was started for (e.g. an aggregate id)
 * @param state            active, completed, compensated, stuck or ended by an operator
 * @param currentStep      the step it is at, in the application's words
 * @param startedAt        when it started
 * @param lastActivityAt   when it last handled something
 * @param dueAt            when the saga as a whole must be over (its overall deadline), or {@code null}
 * @param pendingDeadlines its scheduled deadlines
 * @param associations     the association values it is found by
 */
public record SagaSummaryView(String sagaType, String sagaId, String application, String key, SagaState state,
                              String currentStep, Instant startedAt, Instant lastActivityAt, Instant dueAt,
                              List<PendingDeadlineView> pendingDeadlines, List<SagaAssociationView> associations) {
    public SagaSummaryView {
        pendingDeadlines = List.copyOf(pendingDeadlines);
        associations = List.copyOf(associations);
    }
}
