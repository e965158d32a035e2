package io.sagashop.inspection.toy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.toy.Shipping.DeliverShipment;
import io.sagashop.inspection.toy.Shipping.PackShipment;
import io.sagashop.inspection.toy.Shipping.ShipmentActionRequested;
import io.sagashop.inspection.toy.Shipping.ShipmentDelivered;
import io.sagashop.inspection.toy.Shipping.ShipmentPacked;
import io.sagashop.inspection.toy.Shipping.ShipmentRequested;
import io.sagashop.inspection.toy.Shipping.StepDue;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The toy saga with Axon's saga fixture: what it writes to the journal at each step, through the library's API. */
class ShipmentSagaTest {

    private SagaTestFixture<ShipmentSaga> fixture;
    private RecordingJournal journal;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ShipmentSaga.class);
        journal = new RecordingJournal();
        fixture.registerResource(journal);
    }

    @Test
    void aRequestedShipmentIsJournalledUnderItsTypeAndKeyWithItsStepAndDeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new ShipmentRequested("s-1"))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new PackShipment("s-1"))
                .expectScheduledDeadlineWithName(ShipmentSaga.STEP_WAIT, ShipmentSaga.STEP_DEADLINE);

        assertThat(journal.sagas.values()).singleElement().satisfies(saga -> {
            assertThat(saga.sagaType()).isEqualTo(ShipmentSaga.TYPE);
            assertThat(saga.key()).isEqualTo("s-1");
            assertThat(saga.dueAt()).isNotNull();
        });
        assertThat(journal.steps.values()).containsExactly("PACKING");
        assertThat(journal.pendingDeadlines.values()).containsExactly(ShipmentSaga.STEP_DEADLINE);
        assertThat(journal.kinds()).containsExactly(SagaTimelineEntryKind.EVENT_RECEIVED, SagaTimelineEntryKind.STEP_CHANGED,
                SagaTimelineEntryKind.COMMAND_SENT);
    }

    @Test
    void aDeliveredShipmentEndsCompletedWithNoDeadlineLeft() {
        fixture.givenAPublished(new ShipmentRequested("s-2"))
                .andThenAPublished(new ShipmentPacked("s-2"))
                .whenPublishingA(new ShipmentDelivered("s-2"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        assertThat(journal.states.values()).containsExactly(SagaState.COMPLETED);
        assertThat(journal.pendingDeadlines).isEmpty();
        assertThat(journal.entries).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.COMMAND_SENT)
                .extracting(RecordingJournal.Entry::messageName).containsExactly("PackShipment", "DeliverShipment");
    }

    @Test
    void theStepDeadlineResendsTheStepsCommandAndIsJournalled() {
        fixture.givenAPublished(new ShipmentRequested("s-3"))
                .whenTimeElapses(ShipmentSaga.STEP_WAIT)
                .expectDeadlinesMet(new StepDue("PACKING"))
                .expectDispatchedCommands(new PackShipment("s-3"));

        assertThat(journal.kinds()).contains(SagaTimelineEntryKind.DEADLINE_FIRED, SagaTimelineEntryKind.RETRY);
        assertThat(journal.pendingDeadlines).as("armed again").hasSize(1);
    }

    @Test
    void anOperatorsEndEndsTheSagaAsEndedByOperator() {
        fixture.givenAPublished(new ShipmentRequested("s-4"))
                .whenPublishingA(new ShipmentActionRequested("s-4", SagaAction.END, "ops", "the parcel is lost"))
                .expectActiveSagas(0);

        assertThat(journal.states.values()).containsExactly(SagaState.ENDED_BY_OPERATOR);
        assertThat(journal.entries).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.OPERATOR_ACTION)
                .singleElement().satisfies(entry -> assertThat(entry.detail()).contains("ops").contains("the parcel is lost"));
    }

    @Test
    void anOperatorsRetryResendsTheStepsCommand() {
        fixture.givenAPublished(new ShipmentRequested("s-5"))
                .andThenAPublished(new ShipmentPacked("s-5"))
                .whenPublishingA(new ShipmentActionRequested("s-5", SagaAction.RETRY, "ops", null))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new DeliverShipment("s-5"));
    }

    @Test
    void aRequestForAShipmentAnEarlierSagaHandledIsIgnoredByTheReplayGuard() {
        journal.started(ShipmentSaga.TYPE, "earlier-saga", "s-6", java.time.Instant.now(), null);

        fixture.givenNoPriorActivity()
                .whenPublishingA(new ShipmentRequested("s-6"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();

        assertThat(journal.entries).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.EVENT_RECEIVED)
                .singleElement().satisfies(entry -> assertThat(entry.detail()).contains("earlier saga"));
    }
}
