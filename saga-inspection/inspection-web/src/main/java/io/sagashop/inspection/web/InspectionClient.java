package io.sagashop.inspection.web;

import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTypeView;
import java.util.List;
import java.util.Optional;

/**
 * How a console asks the applications: the hub through its own routers, the standalone console
 * through Axon's gateways. Queries are scatter-gather (every application answers for its own
 * sagas); an implementation merges the answers. Failures are {@link InspectionClientException}s.
 */
public interface InspectionClient {

    /** Every saga type of every application that answers, by type name. */
    List<SagaTypeView> sagaTypes();

    /** The matching sagas of every application, most recently active first, at most {@code query.limit()}. */
    List<SagaSummaryView> sagas(FindSagasQuery query);

    /** One saga in full, or empty when no application knows it. */
    Optional<SagaDetailView> saga(String sagaType, String sagaId);

    /** The report of every application that checks invariants. */
    List<ConsistencyReportView> consistency(int maxViolations);

    /** Sends an operator action under its type's command name; returns when it was handled. */
    void act(SagaActionCommand command);
}
