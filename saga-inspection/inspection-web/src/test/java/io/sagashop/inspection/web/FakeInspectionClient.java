package io.sagashop.inspection.web;

import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTypeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An {@link InspectionClient} over fixed sagas, recording what it was asked and sent. */
class FakeInspectionClient implements InspectionClient {

    final List<SagaTypeView> types = new ArrayList<>();
    final List<SagaDetailView> sagas = new ArrayList<>();
    final List<ConsistencyReportView> reports = new ArrayList<>();
    final List<FindSagasQuery> queries = new ArrayList<>();
    final List<SagaActionCommand> sent = new ArrayList<>();
    /** Thrown by {@link #act} when set, as an application's refusal would be. */
    InspectionClientException refusal;
    Integer askedMaxViolations;

    @Override
    public List<SagaTypeView> sagaTypes() {
        return types;
    }

    @Override
    public List<SagaSummaryView> sagas(FindSagasQuery query) {
        queries.add(query);
        return sagas.stream().map(SagaDetailView::summary)
                .filter(s -> query.sagaType() == null || s.sagaType().equals(query.sagaType()))
                .filter(s -> query.state() == null || s.state() == query.state()
                        || (query.state() == SagaState.STUCK && s.state() == SagaState.ACTIVE))
                .filter(s -> query.key() == null || query.key().equals(s.key()))
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<SagaDetailView> saga(String sagaType, String sagaId) {
        return sagas.stream().filter(d -> d.summary().sagaType().equals(sagaType) && d.summary().sagaId().equals(sagaId))
                .findFirst();
    }

    @Override
    public List<ConsistencyReportView> consistency(int maxViolations) {
        askedMaxViolations = maxViolations;
        return reports;
    }

    @Override
    public void act(SagaActionCommand command) {
        if (refusal != null) {
            throw refusal;
        }
        sent.add(command);
    }
}
