package io.sagashop.inspection.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sagashop.inspection.SagaInspectionMetrics;
import io.sagashop.inspection.SagaJournal;
import io.sagashop.inspection.SagaJournalRetention;
import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
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
import io.sagashop.inspection.toy.Shipping.ShipmentRequested;
import io.sagashop.platform.test.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The toy application with the library, against the hub in this JVM and MariaDB: every question
 * and action goes through the hub as a console's would, under the protocol's names.
 */
@ServiceTest
class ShipmentInspectionServiceTest {

    @Autowired
    EventGateway events;
    @Autowired
    QueryGateway queries;
    @Autowired
    CommandGateway commands;
    @Autowired
    CommandBus commandBus;
    @Autowired
    RoutingStrategy routing;
    @Autowired
    SagaJournal journal;
    @Autowired
    TransactionManager transactions;
    @Autowired
    SagaInspectionMetrics metrics;
    @Autowired
    MeterRegistry registry;
    @Autowired
    SagaJournalRetention retention;
    @Autowired
    ToyShippingApplication.MovableClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aShipmentThatRanToItsEndIsListedUnderItsTypeKeyAndApplicationWithItsTimelineAndAssociations() {
        String shipment = "ok-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(shipment));

        SagaSummaryView saga = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(shipment),
                found -> found.size() == 1 && found.get(0).state() == SagaState.COMPLETED).get(0);
        assertThat(saga.sagaType()).isEqualTo(ShipmentSaga.TYPE);
        assertThat(saga.application()).isEqualTo("toy-shipping");
        assertThat(saga.currentStep()).isEqualTo(SagaJournal.DONE);
        assertThat(saga.pendingDeadlines()).isEmpty();
        assertThat(saga.dueAt()).isAfter(saga.startedAt());

        SagaDetailView detail = queries.query(new FindSagaQuery(ShipmentSaga.TYPE, saga.sagaId()),
                ResponseTypes.instanceOf(SagaDetailView.class)).join();
        assertThat(detail.timeline()).extracting(SagaTimelineEntryView::kind).startsWith(SagaTimelineEntryKind.EVENT_RECEIVED)
                .contains(SagaTimelineEntryKind.COMMAND_SENT).endsWith(SagaTimelineEntryKind.ENDED);
        assertThat(detail.timeline()).extracting(SagaTimelineEntryView::messageName)
                .contains("ShipmentRequested", "PackShipment", "ShipmentPacked", "DeliverShipment", "ShipmentDelivered");
        assertThat(queries.query(new FindSagaQuery("SomeoneElsesSaga", saga.sagaId()),
                ResponseTypes.optionalInstanceOf(SagaDetailView.class)).join()).as("not this application's type").isEmpty();
        assertThat(queries.query(new FindSagaQuery(ShipmentSaga.TYPE, "no-such-saga"),
                ResponseTypes.optionalInstanceOf(SagaDetailView.class)).join()).as("unknown id").isEmpty();

        SagaTypeView type = sagaType();
        assertThat(type.application()).isEqualTo("toy-shipping");
        assertThat(type.description()).isEqualTo("Packs a shipment, then delivers it");
        assertThat(type.actions()).containsExactly(SagaAction.RETRY, SagaAction.END);
        assertThat(type.finished()).isPositive();
    }

    @Test
    void aRunningSagaShowsItsAssociationsAndPendingDeadline() {
        String shipment = "stall-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(shipment));

        SagaSummaryView saga = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(shipment),
                found -> found.size() == 1 && !found.get(0).associations().isEmpty()).get(0);
        assertThat(saga.associations()).anySatisfy(association -> {
            assertThat(association.key()).isEqualTo("shipmentId");
            assertThat(association.value()).isEqualTo(shipment);
        });
        assertThat(saga.pendingDeadlines()).singleElement()
                .satisfies(deadline -> assertThat(deadline.deadlineName()).isEqualTo(ShipmentSaga.STEP_DEADLINE));
        assertThat(saga.currentStep()).isEqualTo("PACKING");
    }

    @Test
    void aSagaQuietLongerThanStuckAfterIsStuckInTheListsTheTypeCountsAndTheGauge() {
        String shipment = "stall-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(shipment));
        SagaSummaryView running = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(shipment),
                found -> found.size() == 1 && "PACKING".equals(found.get(0).currentStep())).get(0);
        assertThat(running.state()).isEqualTo(SagaState.ACTIVE);
        assertThat(ids(find(SagaState.ACTIVE))).contains(running.sagaId());
        assertThat(ids(find(SagaState.STUCK))).doesNotContain(running.sagaId());

        clock.advance(Duration.ofMinutes(2)); // stuck-after is 60 s by default; its step deadline (5 min) still pending

        assertThat(ids(find(SagaState.STUCK))).contains(running.sagaId());
        assertThat(ids(find(SagaState.ACTIVE))).doesNotContain(running.sagaId());
        assertThat(byKey(shipment)).singleElement().satisfies(saga -> assertThat(saga.state()).isEqualTo(SagaState.STUCK));
        assertThat(sagaType().stuck()).isPositive();
        metrics.refresh();
        assertThat(registry.get(SagaInspectionMetrics.NAME).tags("type", ShipmentSaga.TYPE, "state", "STUCK").gauge().value())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get(SagaInspectionMetrics.NAME).tags("type", ShipmentSaga.TYPE, "state", "COMPENSATED").gauge().value())
                .as("every state has a series").isZero();
    }

    @Test
    void anOperatorsEndIsSentUnderTheTypesCommandNameRoutedBySagaIdAndEndsTheSaga() {
        String shipment = "stall-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(shipment));
        String sagaId = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(shipment), found -> found.size() == 1)
                .get(0).sagaId();
        SagaActionCommand end = new SagaActionCommand(ShipmentSaga.TYPE, sagaId, SagaAction.END, "ops@example.com", "parcel lost");
        GenericCommandMessage<SagaActionCommand> message = action(end);
        assertThat(message.getCommandName()).isEqualTo("io.sagashop.inspection.api.SagaActionCommand@ShipmentSaga");
        assertThat(routing.getRoutingKey(message)).isEqualTo(sagaId);

        commands.sendAndWait(message, 30, TimeUnit.SECONDS);

        SagaSummaryView ended = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(shipment),
                found -> found.get(0).state() == SagaState.ENDED_BY_OPERATOR).get(0);
        SagaDetailView detail = queries.query(new FindSagaQuery(ShipmentSaga.TYPE, ended.sagaId()),
                ResponseTypes.instanceOf(SagaDetailView.class)).join();
        assertThat(detail.timeline()).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.OPERATOR_ACTION).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).contains("ops@example.com").contains("parcel lost"));

        assertThat(refusal(end)).as("a saga that is over").containsEntry("status", 409).containsEntry("code", "saga-finished");
    }

    @Test
    void actionsTheTypeRefusesAreAnsweredWithAnErrorNamingWhy() {
        String shipment = "stall-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(shipment));
        String sagaId = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(shipment), found -> found.size() == 1)
                .get(0).sagaId();

        assertThat(refusal(new SagaActionCommand(ShipmentSaga.TYPE, sagaId, SagaAction.END, "ops", " ")))
                .containsEntry("field", "reason").containsEntry("status", 400);
        assertThat(refusal(new SagaActionCommand(ShipmentSaga.TYPE, sagaId, SagaAction.COMPENSATE, "ops", "why")))
                .containsEntry("field", "action").containsEntry("code", "action-not-accepted");
        assertThat(refusal(new SagaActionCommand(ShipmentSaga.TYPE, sagaId, SagaAction.RETRY, null, null)))
                .containsEntry("field", "operator");
        assertThat(refusal(new SagaActionCommand(ShipmentSaga.TYPE, "no-such-saga", SagaAction.RETRY, "ops", null)))
                .containsEntry("status", 404);
        assertThat(byKey(shipment)).singleElement().satisfies(saga -> assertThat(saga.state()).isEqualTo(SagaState.ACTIVE));

        commands.sendAndWait(action(new SagaActionCommand(ShipmentSaga.TYPE, sagaId, SagaAction.RETRY, "ops", null)),
                30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> timeline(sagaId).stream()
                .filter(entry -> entry.kind() == SagaTimelineEntryKind.COMMAND_SENT).count() == 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLimitOutOfRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> queries.query(new FindSagasQuery(null, null, null, null, 0),
                ResponseTypes.instanceOf(SagaListView.class)).join())
                .hasCauseInstanceOf(QueryExecutionException.class)
                .cause().satisfies(failure -> assertThat((Map<String, Object>) ((QueryExecutionException) failure).getDetails().orElseThrow())
                        .containsEntry("field", "limit").containsEntry("status", 400));
        assertThatThrownBy(() -> queries.query(new ConsistencyReportQuery(0), ResponseTypes.instanceOf(ConsistencyReportView.class)).join())
                .cause().satisfies(failure -> assertThat((Map<String, Object>) ((QueryExecutionException) failure).getDetails().orElseThrow())
                        .containsEntry("field", "maxViolations"));
    }

    @Test
    void theApplicationsConsistencyCheckAnswersTheReportQuery() {
        ConsistencyReportView report = queries.query(new ConsistencyReportQuery(10), ResponseTypes.instanceOf(ConsistencyReportView.class))
                .join();
        assertThat(report.application()).isEqualTo("toy-shipping");
        assertThat(report.rules()).containsOnlyKeys(ShipmentConsistency.RULE);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aHandlingThatFailsAfterJournallingLeavesNoRowsAndItsRetryJournalsOnce() {
        String shipment = "flaky-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(shipment));

        SagaSummaryView saga = await().atMost(Duration.ofSeconds(60)).until(() -> byKey(shipment),
                found -> found.size() == 1 && found.get(0).state() == SagaState.COMPLETED).get(0);
        assertThat(ShipmentSaga.FAILED_ONCE).as("the first handling failed").contains(shipment);
        assertThat(timeline(saga.sagaId())).filteredOn(entry -> "ShipmentRequested".equals(entry.messageName()))
                .as("the failed handling's entry was rolled back with it").hasSize(1);
    }

    @Test
    void journalWritesCommitAndRollBackWithTheUnitOfWorksTransaction() {
        String committed = "uow-" + UUID.randomUUID();
        String rolledBack = "uow-" + UUID.randomUUID();
        inUnitOfWork(() -> journal.started(ShipmentSaga.TYPE, committed, committed, Instant.now(), null));
        assertThatThrownBy(() -> inUnitOfWork(() -> {
            journal.started(ShipmentSaga.TYPE, rolledBack, rolledBack, Instant.now(), null);
            journal.record(rolledBack, Instant.now(), SagaTimelineEntryKind.EVENT_RECEIVED, "X", "toy", null);
            throw new IllegalStateException("the handler fails");
        })).hasMessageContaining("the handler fails");

        assertThat(rows("saga_inspection_saga", committed)).isEqualTo(1);
        assertThat(rows("saga_inspection_saga", rolledBack)).isZero();
        assertThat(rows("saga_inspection_timeline", rolledBack)).isZero();
    }

    @Test
    void timelineEntriesOfATransactionAreWrittenAtItsCommitAllInTheirOrderAndOutsideOneAtOnce() {
        String saga = "batch-" + UUID.randomUUID();
        int entries = 70; // more than one INSERT's worth (64 + 4 + 2)
        inUnitOfWork(() -> {
            journal.started(ShipmentSaga.TYPE, saga, saga, Instant.now(), null);
            for (int i = 0; i < entries; i++) {
                journal.record(saga, Instant.now(), SagaTimelineEntryKind.EVENT_RECEIVED, "Entry" + i, "toy", "entry " + i);
                if (i == 0) {
                    assertThat(rows("saga_inspection_timeline", saga)).as("not written before the commit").isZero();
                }
            }
        });
        assertThat(jdbc.queryForList("SELECT message_name FROM saga_inspection_timeline WHERE saga_id = ? ORDER BY id",
                String.class, saga)).containsExactlyElementsOf(IntStream.range(0, entries).mapToObj(i -> "Entry" + i).toList());

        journal.record(saga, Instant.now(), SagaTimelineEntryKind.COMMAND_FAILED, "Outside", "toy", null);
        assertThat(rows("saga_inspection_timeline", saga)).as("no transaction: written at once").isEqualTo(entries + 1);
    }

    @Test
    void retentionPrunesSagasEndedLongerAgoThanItButNeverRunningOnes() {
        String done = "ok-" + UUID.randomUUID();
        String running = "stall-" + UUID.randomUUID();
        events.publish(new ShipmentRequested(done));
        events.publish(new ShipmentRequested(running));
        String doneId = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(done),
                found -> found.size() == 1 && found.get(0).state() == SagaState.COMPLETED).get(0).sagaId();
        String runningId = await().atMost(Duration.ofSeconds(30)).until(() -> byKey(running), found -> found.size() == 1)
                .get(0).sagaId();

        assertThat(retention.prune(Instant.now())).as("ended just now: kept").isZero();
        assertThat(retention.prune(Instant.now().plus(Duration.ofDays(8)))).isPositive();

        assertThat(rows("saga_inspection_saga", doneId)).isZero();
        assertThat(rows("saga_inspection_timeline", doneId)).isZero();
        assertThat(rows("saga_inspection_saga", runningId)).isEqualTo(1);
        assertThat(rows("saga_inspection_deadline", runningId)).isEqualTo(1);
    }

    private void inUnitOfWork(Runnable work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("toy"));
        unitOfWork.attachTransaction(transactions);
        try {
            unitOfWork.executeWithResult(() -> {
                work.run();
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
        } catch (Exception failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        if (unitOfWork.getExecutionResult().isExceptionResult()) {
            Throwable failure = unitOfWork.getExecutionResult().getExceptionResult();
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    private int rows(String table, String sagaId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE saga_id = ?", Integer.class, sagaId);
        return count == null ? 0 : count;
    }

    private static GenericCommandMessage<SagaActionCommand> action(SagaActionCommand command) {
        return new GenericCommandMessage<>(new GenericMessage<>(command), SagaActionCommand.commandName(command.sagaType()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> refusal(SagaActionCommand command) {
        try {
            commands.sendAndWait(action(command), 30, TimeUnit.SECONDS);
        } catch (CommandExecutionException refused) {
            return (Map<String, Object>) refused.getDetails().orElseThrow();
        }
        throw new AssertionError("not refused: " + command);
    }

    private List<SagaSummaryView> byKey(String key) {
        return queries.query(new FindSagasQuery(ShipmentSaga.TYPE, null, key, null, 10), ResponseTypes.instanceOf(SagaListView.class))
                .join().sagas();
    }

    private List<SagaSummaryView> find(SagaState state) {
        return queries.query(new FindSagasQuery(null, state, null, null, FindSagasQuery.MAX_LIMIT),
                ResponseTypes.instanceOf(SagaListView.class)).join().sagas();
    }

    private List<SagaTimelineEntryView> timeline(String sagaId) {
        return queries.query(new FindSagaQuery(ShipmentSaga.TYPE, sagaId), ResponseTypes.instanceOf(SagaDetailView.class))
                .join().timeline();
    }

    private SagaTypeView sagaType() {
        Stream<SagaTypeListView> answers = queries.scatterGather(new FindSagaTypesQuery(),
                ResponseTypes.instanceOf(SagaTypeListView.class), 10, TimeUnit.SECONDS);
        return answers.flatMap(answer -> answer.types().stream()).filter(type -> type.sagaType().equals(ShipmentSaga.TYPE))
                .findFirst().orElseThrow();
    }

    private static List<String> ids(List<SagaSummaryView> sagas) {
        return sagas.stream().map(SagaSummaryView::sagaId).toList();
    }
}
