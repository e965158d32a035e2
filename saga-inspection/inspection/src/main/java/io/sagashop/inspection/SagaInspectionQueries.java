package io.sagashop.inspection;

import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagaQuery;
import io.sagashop.inspection.api.FindSagaTypesQuery;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTypeListView;
import io.sagashop.inspection.api.SagaTypeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Answers the protocol's four queries for this application's sagas. Each is asked scatter-gather,
 * so every answer covers this application only: a saga this application does not know is
 * {@code null} ({@link FindSagaQuery}), no checks is {@code null} ({@link ConsistencyReportQuery}).
 */
class SagaInspectionQueries {

    private final SagaJournalReader reader;
    private final List<InspectedSagaType> types;
    private final ConsistencyCheck consistency;
    private final String application;

    SagaInspectionQueries(SagaJournalReader reader, List<InspectedSagaType> types, ConsistencyCheck consistency,
                          String application) {
        this.reader = reader;
        this.types = List.copyOf(types);
        this.consistency = consistency;
        this.application = application;
    }

    /** Every type declared by a bean or found in the journal, with its counts. */
    @QueryHandler
    SagaTypeListView handle(FindSagaTypesQuery query) {
        Map<String, Map<SagaState, Long>> counts = reader.counts();
        Map<String, SagaTypeView> views = new TreeMap<>();
        for (InspectedSagaType type : types) {
            views.put(type.sagaType(), view(type.sagaType(), type.description(), type.actions(), counts.getOrDefault(type.sagaType(), Map.of())));
        }
        counts.forEach((type, byState) -> views.computeIfAbsent(type, name -> view(name, null, Set.of(), byState)));
        return new SagaTypeListView(new ArrayList<>(views.values()));
    }

    @QueryHandler
    SagaListView handle(FindSagasQuery query) {
        try {
            return new SagaListView(reader.find(query));
        } catch (IllegalArgumentException invalid) {
            throw InspectionErrors.invalidQuery("limit-out-of-range", "limit", invalid.getMessage());
        }
    }

    /** {@code null} when the saga is not this application's. */
    @QueryHandler
    SagaDetailView handle(FindSagaQuery query) {
        if (query.sagaType() == null || query.sagaId() == null) {
            return null;
        }
        return reader.detail(query.sagaType(), query.sagaId()).orElse(null);
    }

    /** {@code null} when this application checks nothing. */
    @QueryHandler
    ConsistencyReportView handle(ConsistencyReportQuery query) {
        if (consistency == null) {
            return null;
        }
        if (query.maxViolations() < 1 || query.maxViolations() > ConsistencyReportQuery.MAX_VIOLATIONS) {
            throw InspectionErrors.invalidQuery("max-violations-out-of-range", "maxViolations",
                    "maxViolations must be between 1 and " + ConsistencyReportQuery.MAX_VIOLATIONS + ", not " + query.maxViolations());
        }
        return consistency.report(application, query.maxViolations());
    }

    private SagaTypeView view(String type, String description, Set<SagaAction> actions, Map<SagaState, Long> counts) {
        long finished = counts.getOrDefault(SagaState.COMPLETED, 0L) + counts.getOrDefault(SagaState.COMPENSATED, 0L)
                + counts.getOrDefault(SagaState.ENDED_BY_OPERATOR, 0L);
        List<SagaAction> accepted = actions.stream().sorted().toList();
        return new SagaTypeView(type, application, description, counts.getOrDefault(SagaState.ACTIVE, 0L),
                counts.getOrDefault(SagaState.STUCK, 0L), finished, accepted);
    }
}
