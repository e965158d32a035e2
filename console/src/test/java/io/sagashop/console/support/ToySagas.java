package io.sagashop.console.support;

import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.ConsistencyViolationView;
import io.sagashop.inspection.api.FindSagaQuery;
import io.sagashop.inspection.api.FindSagaTypesQuery;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import io.sagashop.inspection.api.SagaTypeListView;
import io.sagashop.inspection.api.SagaTypeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryHandler;

/**
 * One toy application's sagas of one type, in memory, answering the inspection protocol with
 * plain Axon query handlers, as the saga-inspection library does for a real application:
 * {@code null} for a saga or a report that is not its own, and refusals as
 * {@link CommandExecutionException}s whose details say the status.
 */
public final class ToySagas {

    private final String application;
    private final String sagaType;
    private final boolean checksConsistency;
    private final Map<String, SagaSummaryView> sagas = new ConcurrentHashMap<>();
    /** Every action this application handled, in order, with the instance that handled it. */
    public final List<String> handled = new CopyOnWriteArrayList<>();

    public ToySagas(String application, String sagaType, boolean checksConsistency) {
        this.application = application;
        this.sagaType = sagaType;
        this.checksConsistency = checksConsistency;
    }

    public String sagaType() {
        return sagaType;
    }

    /** Adds a saga of this application's type. */
    public ToySagas saga(String sagaId, String key, SagaState state, Instant lastActivity) {
        sagas.put(sagaId, new SagaSummaryView(sagaType, sagaId, application, key, state, "step-1",
                lastActivity.minusSeconds(60), lastActivity, null, List.of(), List.of()));
        return this;
    }

    @QueryHandler
    public SagaTypeListView types(FindSagaTypesQuery query) {
        long active = sagas.values().stream().filter(s -> s.state() == SagaState.ACTIVE).count();
        return new SagaTypeListView(List.of(new SagaTypeView(sagaType, application, "a toy saga", active, 0,
                sagas.size() - active, List.of(SagaAction.RETRY, SagaAction.END))));
    }

    @QueryHandler
    public SagaListView find(FindSagasQuery query) {
        List<SagaSummaryView> found = new ArrayList<>(sagas.values().stream()
                .filter(s -> query.sagaType() == null || query.sagaType().equals(s.sagaType()))
                .filter(s -> query.state() == null || query.state() == s.state())
                .filter(s -> query.key() == null || query.key().equals(s.key()))
                .sorted(Comparator.comparing(SagaSummaryView::lastActivityAt).reversed())
                .limit(query.limit())
                .toList());
        return new SagaListView(found);
    }

    @QueryHandler
    public SagaDetailView detail(FindSagaQuery query) {
        if (!sagaType.equals(query.sagaType()) || !sagas.containsKey(query.sagaId())) {
            return null;
        }
        SagaSummaryView summary = sagas.get(query.sagaId());
        return new SagaDetailView(summary, List.of(
                new SagaTimelineEntryView(summary.startedAt(), SagaTimelineEntryKind.EVENT_RECEIVED, "TripBooked",
                        application, null),
                new SagaTimelineEntryView(summary.lastActivityAt(), SagaTimelineEntryKind.COMMAND_SENT, "ReserveSeat",
                        application, "seat 12A")));
    }

    @QueryHandler
    public ConsistencyReportView consistency(ConsistencyReportQuery query) {
        if (!checksConsistency) {
            return null;
        }
        return new ConsistencyReportView(application, Instant.now(), Map.of("trips", sagas.size()),
                Map.of("every-seat-paid", 1, "no-double-booking", 0),
                List.of(new ConsistencyViolationView("every-seat-paid", "seat 12A is booked but not paid",
                        Map.of("tripId", "trip-1"))));
    }

    /** The handler of this type's actions, subscribed under its command name by {@link ToyApplication}. */
    public void act(String instance, SagaActionCommand command) {
        SagaSummaryView saga = sagas.get(command.sagaId());
        if (saga == null) {
            throw refusal(404, "no saga " + command.sagaId() + " of type " + sagaType);
        }
        if (saga.state() != SagaState.ACTIVE) {
            throw refusal(409, "saga " + command.sagaId() + " is over (" + saga.state() + "): nothing to "
                    + command.action());
        }
        handled.add(instance + " " + command.action() + " " + command.sagaId() + " by " + command.operator()
                + (command.reason() == null ? "" : " because " + command.reason()));
    }

    private static CommandExecutionException refusal(int status, String message) {
        return new CommandExecutionException(message, null, Map.of("status", status, "message", message,
                "code", status == 404 ? "saga-not-found" : "saga-finished"));
    }
}
