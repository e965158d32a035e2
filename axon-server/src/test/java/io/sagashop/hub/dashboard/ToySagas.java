package io.sagashop.hub.dashboard;

import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.ConsistencyViolationView;
import io.sagashop.inspection.api.FindSagaQuery;
import io.sagashop.inspection.api.FindSagaTypesQuery;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.PendingDeadlineView;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaAssociationView;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import io.sagashop.inspection.api.SagaTypeListView;
import io.sagashop.inspection.api.SagaTypeView;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;

/**
 * Two toy applications that answer the saga inspection protocol for their own saga type, as the
 * inspection library would, so the dashboard is shown to know no application: {@code toys} runs
 * {@value #TOY} sagas (and checks one invariant), {@code boats} runs {@value #BOAT} sagas (and
 * checks nothing). Start them with {@code TestClient} and {@link Toys} or {@link Boats}.
 * <p>
 * Toys: {@link #TOY_COMPENSATED} (reserved, declined, released), {@link #TOY_ACTIVE} (waiting)
 * and {@link #TOY_COMPLETED}. Boats: {@link #BOAT_ACTIVE}, which accepts only retries. Actions
 * are recorded in {@link #ACTIONS} with the application that handled them; one on a finished
 * saga is refused as the library refuses it.
 */
final class ToySagas {

    static final String TOY = "ToySaga";
    static final String BOAT = "BoatSaga";
    static final String TOY_COMPENSATED = "toy-compensated-1";
    static final String TOY_ACTIVE = "toy-active-1";
    static final String TOY_COMPLETED = "toy-completed-1";
    static final String BOAT_ACTIVE = "boat-active-1";

    /** An action an application handled. */
    record Handled(String application, SagaActionCommand command) {
    }

    /** Every action handled, in order. */
    static final Queue<Handled> ACTIONS = new ConcurrentLinkedQueue<>();

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private ToySagas() {
    }

    /** Not a {@code @Configuration}: the hub's component scan, which sees the test classes, must not take it. */
    static class Toys {
        @Bean
        Inspection toyInspection(CommandBus commands) {
            return new Inspection("toys", TOY, List.of(SagaAction.values()),
                    List.of(toyCompensated(), toyActive(), toyCompleted()), true, commands);
        }
    }

    /** As {@link Toys}, for the boats. */
    static class Boats {
        @Bean
        Inspection boatInspection(CommandBus commands) {
            return new Inspection("boats", BOAT, List.of(SagaAction.RETRY), List.of(boatActive()), false, commands);
        }
    }

    /**
     * One application's answers: its one saga type's sagas; the action command subscribed under
     * the type's own name, as the library does (a name the annotation cannot hold).
     */
    static class Inspection implements SmartInitializingSingleton {

        private final String application;
        private final String type;
        private final List<SagaAction> actions;
        private final Map<String, SagaDetailView> sagas = new LinkedHashMap<>();
        private final boolean checks;
        private final CommandBus commands;

        Inspection(String application, String type, List<SagaAction> actions, List<SagaDetailView> sagas,
                   boolean checks, CommandBus commands) {
            this.application = application;
            this.type = type;
            this.actions = actions;
            sagas.forEach(s -> this.sagas.put(s.summary().sagaId(), s));
            this.checks = checks;
            this.commands = commands;
        }

        @Override
        public void afterSingletonsInstantiated() {
            commands.subscribe(SagaActionCommand.commandName(type), this::act);
        }

        private Object act(CommandMessage<?> message) {
            SagaActionCommand command = (SagaActionCommand) message.getPayload();
            SagaDetailView saga = sagas.get(command.sagaId());
            if (saga == null) {
                throw new IllegalArgumentException("No " + type + " " + command.sagaId());
            }
            if (saga.summary().state() != SagaState.ACTIVE) {
                throw new IllegalStateException(type + " " + command.sagaId() + " is over ("
                        + saga.summary().state() + ")");
            }
            if (!actions.contains(command.action())) {
                throw new IllegalArgumentException(type + " does not accept " + command.action());
            }
            ACTIONS.add(new Handled(application, command));
            return null;
        }

        @QueryHandler
        public SagaTypeListView types(FindSagaTypesQuery query) {
            long active = sagas.values().stream().filter(s -> s.summary().state() == SagaState.ACTIVE).count();
            long finished = sagas.size() - active;
            return new SagaTypeListView(List.of(new SagaTypeView(type, application, "a toy " + type, active, 0,
                    finished, actions)));
        }

        @QueryHandler
        public SagaListView find(FindSagasQuery query) {
            return new SagaListView(sagas.values().stream().map(SagaDetailView::summary)
                    .filter(s -> query.sagaType() == null || s.sagaType().equals(query.sagaType()))
                    .filter(s -> query.state() == null || s.state() == query.state())
                    .filter(s -> query.key() == null || s.key().equals(query.key()))
                    .filter(s -> query.olderThan() == null || s.startedAt().isBefore(query.olderThan()))
                    .sorted((a, b) -> b.lastActivityAt().compareTo(a.lastActivityAt()))
                    .limit(query.limit())
                    .toList());
        }

        @QueryHandler
        public SagaDetailView find(FindSagaQuery query) {
            return type.equals(query.sagaType()) ? sagas.get(query.sagaId()) : null;
        }

        @QueryHandler
        public ConsistencyReportView consistency(ConsistencyReportQuery query) {
            if (!checks) {
                return null;
            }
            return new ConsistencyReportView(application, T0.plus(Duration.ofHours(1)), Map.of("toys", sagas.size()),
                    Map.of("toy-within-deadline", 1, "toy-balanced", 0),
                    List.of(new ConsistencyViolationView("toy-within-deadline",
                            "Toy " + TOY_ACTIVE + " has waited 40 minutes, past its 30 minute deadline",
                            Map.of("toyId", TOY_ACTIVE))));
        }
    }

    private static SagaDetailView toyCompensated() {
        Instant at = T0;
        return new SagaDetailView(summary(TOY, "toy-saga-c1", "toys", TOY_COMPENSATED, SagaState.COMPENSATED, "DONE",
                at, at.plusSeconds(4), List.of(),
                List.of(new SagaAssociationView("toyId", TOY_COMPENSATED), new SagaAssociationView("paymentId", "pay-c1"))),
                List.of(entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "ToyOrdered", "toys", "2 toys"),
                        entry(at.plusMillis(5), SagaTimelineEntryKind.DEADLINE_SET, "toy-deadline", "toys", "in 30 min"),
                        entry(at.plusMillis(10), SagaTimelineEntryKind.COMMAND_SENT, "ReserveToy", "toys", null),
                        entry(at.plusMillis(180), SagaTimelineEntryKind.EVENT_RECEIVED, "ToyReserved", "shelf", null),
                        entry(at.plusSeconds(3), SagaTimelineEntryKind.EVENT_RECEIVED, "PaymentDeclined", "till", "declined"),
                        entry(at.plusSeconds(3).plusMillis(20), SagaTimelineEntryKind.COMPENSATION, "ReleaseToy", "toys", null),
                        entry(at.plusSeconds(3).plusMillis(25), SagaTimelineEntryKind.COMMAND_SENT, "ReleaseToy", "toys", null),
                        entry(at.plusSeconds(3).plusMillis(200), SagaTimelineEntryKind.EVENT_RECEIVED, "ToyReleased", "shelf", null),
                        entry(at.plusSeconds(4), SagaTimelineEntryKind.ENDED, "ToyRejected", "toys", null)));
    }

    private static SagaDetailView toyActive() {
        Instant at = T0.plus(Duration.ofMinutes(20));
        return new SagaDetailView(summary(TOY, "toy-saga-a1", "toys", TOY_ACTIVE, SagaState.ACTIVE, "AWAITING_PAYMENT",
                at, at.plusSeconds(1), List.of(new PendingDeadlineView("toy-deadline", "dl-a1", at.plus(Duration.ofMinutes(30)))),
                List.of(new SagaAssociationView("toyId", TOY_ACTIVE))),
                List.of(entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "ToyOrdered", "toys", null),
                        entry(at.plusSeconds(1), SagaTimelineEntryKind.COMMAND_SENT, "TakePayment", "toys", null)));
    }

    private static SagaDetailView toyCompleted() {
        Instant at = T0.plus(Duration.ofMinutes(10));
        return new SagaDetailView(summary(TOY, "toy-saga-d1", "toys", TOY_COMPLETED, SagaState.COMPLETED, "DONE",
                at, at.plusSeconds(2), List.of(), List.of(new SagaAssociationView("toyId", TOY_COMPLETED))),
                List.of(entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "ToyOrdered", "toys", null),
                        entry(at.plusSeconds(2), SagaTimelineEntryKind.ENDED, "ToyDelivered", "toys", null)));
    }

    private static SagaDetailView boatActive() {
        Instant at = T0.plus(Duration.ofMinutes(30));
        return new SagaDetailView(summary(BOAT, "boat-saga-a1", "boats", BOAT_ACTIVE, SagaState.ACTIVE, "AT_SEA",
                at, at.plusSeconds(30), List.of(), List.of(new SagaAssociationView("boatId", BOAT_ACTIVE))),
                List.of(entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "BoatLaunched", "boats", null)));
    }

    private static SagaSummaryView summary(String type, String sagaId, String application, String key, SagaState state,
                                           String step, Instant startedAt, Instant lastActivityAt,
                                           List<PendingDeadlineView> deadlines, List<SagaAssociationView> associations) {
        return new SagaSummaryView(type, sagaId, application, key, state, step, startedAt, lastActivityAt,
                startedAt.plus(Duration.ofMinutes(30)), deadlines, associations);
    }

    private static SagaTimelineEntryView entry(Instant at, SagaTimelineEntryKind kind, String name, String service,
                                               String detail) {
        return new SagaTimelineEntryView(at, kind, name, service, detail);
    }
}
