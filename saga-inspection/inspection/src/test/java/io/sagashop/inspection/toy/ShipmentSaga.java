package io.sagashop.inspection.toy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.sagashop.inspection.SagaJournal;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.Scope;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * The toy saga: {@code ShipmentRequested → PACKING → DELIVERING → done}. Writes the inspection
 * journal as an application's saga would: what it received and sent, its step, its step deadline,
 * its end. A shipment whose id starts with {@code flaky-} fails its first start handling after
 * journalling (the transaction test); an operator's action arrives as {@link ShipmentActionRequested}.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class ShipmentSaga {

    public static final String TYPE = "ShipmentSaga";
    static final String SERVICE = "toy-shipping";
    static final String STEP_DEADLINE = "shipment-step";
    static final Duration STEP_WAIT = Duration.ofMinutes(5);
    /** Shipments whose start already failed once (static: the saga instance of the failed handling is gone). */
    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    String sagaId;
    String shipmentId;
    String step;
    String stepDeadlineId;

    public ShipmentSaga() {
        // state arrives with the first event
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "shipmentId")
    void on(ShipmentRequested event, @Timestamp Instant at, SagaJournal journal, CommandGateway gateway, DeadlineManager deadlines) {
        sagaId = ((SagaScopeDescriptor) Scope.describeCurrentScope()).getIdentifier().toString();
        shipmentId = event.shipmentId();
        if (journal.otherSagaFor(shipmentId, sagaId)) {
            journal.started(TYPE, sagaId, shipmentId, at, null);
            received(journal, event, at, "this shipment was handled by an earlier saga, ignored");
            end(journal, SagaState.COMPLETED, at);
            return;
        }
        journal.started(TYPE, sagaId, shipmentId, at, at.plus(Duration.ofHours(1)));
        received(journal, event, at, null);
        if (shipmentId.startsWith("flaky-") && FAILED_ONCE.add(shipmentId)) {
            throw new IllegalStateException("the first handling of " + shipmentId + " fails after journalling");
        }
        enter(journal, "PACKING", at, deadlines);
        send(journal, gateway, new PackShipment(shipmentId), at);
    }

    @SagaEventHandler(associationProperty = "shipmentId")
    void on(ShipmentPacked event, @Timestamp Instant at, SagaJournal journal, CommandGateway gateway, DeadlineManager deadlines) {
        received(journal, event, at, null);
        enter(journal, "DELIVERING", at, deadlines);
        send(journal, gateway, new DeliverShipment(shipmentId), at);
    }

    @SagaEventHandler(associationProperty = "shipmentId")
    void on(ShipmentDelivered event, @Timestamp Instant at, SagaJournal journal, DeadlineManager deadlines) {
        received(journal, event, at, null);
        cancelStepDeadline(journal, deadlines);
        end(journal, SagaState.COMPLETED, at);
    }

    @SagaEventHandler(associationProperty = "shipmentId")
    void on(ShipmentActionRequested event, @Timestamp Instant at, SagaJournal journal, CommandGateway gateway,
            DeadlineManager deadlines) {
        journal.record(sagaId, at, SagaTimelineEntryKind.OPERATOR_ACTION, "ShipmentActionRequested", SERVICE,
                event.operator() + ": " + event.action() + (event.reason() == null ? "" : " (" + event.reason() + ")"));
        if (event.action() == SagaAction.END) {
            cancelStepDeadline(journal, deadlines);
            end(journal, SagaState.ENDED_BY_OPERATOR, at);
        } else {
            resend(journal, gateway, at);
            journal.progressed(sagaId, step, at);
        }
    }

    @DeadlineHandler(deadlineName = STEP_DEADLINE)
    void on(StepDue due, SagaJournal journal, CommandGateway gateway, DeadlineManager deadlines) {
        Instant now = Instant.now();
        journal.deadlineGone(sagaId, stepDeadlineId);
        journal.record(sagaId, now, SagaTimelineEntryKind.DEADLINE_FIRED, STEP_DEADLINE, SERVICE, "no answer in " + due.step());
        journal.record(sagaId, now, SagaTimelineEntryKind.RETRY, null, SERVICE, "resending " + step);
        resend(journal, gateway, now);
        armStepDeadline(journal, deadlines, now);
    }

    private void resend(SagaJournal journal, CommandGateway gateway, Instant at) {
        send(journal, gateway, "PACKING".equals(step) ? new PackShipment(shipmentId) : new DeliverShipment(shipmentId), at);
    }

    private void enter(SagaJournal journal, String next, Instant at, DeadlineManager deadlines) {
        journal.record(sagaId, at, SagaTimelineEntryKind.STEP_CHANGED, null, SERVICE, (step == null ? "" : step + " -> ") + next);
        step = next;
        journal.progressed(sagaId, step, at);
        cancelStepDeadline(journal, deadlines);
        armStepDeadline(journal, deadlines, at);
    }

    private void armStepDeadline(SagaJournal journal, DeadlineManager deadlines, Instant at) {
        stepDeadlineId = deadlines.schedule(STEP_WAIT, STEP_DEADLINE, new StepDue(step));
        journal.deadlineSet(sagaId, STEP_DEADLINE, stepDeadlineId, at.plus(STEP_WAIT));
    }

    private void cancelStepDeadline(SagaJournal journal, DeadlineManager deadlines) {
        if (stepDeadlineId != null) {
            deadlines.cancelSchedule(STEP_DEADLINE, stepDeadlineId);
            journal.deadlineGone(sagaId, stepDeadlineId);
            stepDeadlineId = null;
        }
    }

    private void send(SagaJournal journal, CommandGateway gateway, Object command, Instant at) {
        journal.record(sagaId, at, SagaTimelineEntryKind.COMMAND_SENT, command.getClass().getSimpleName(), SERVICE, shipmentId);
        gateway.send(command);
    }

    private void received(SagaJournal journal, Object event, Instant at, String note) {
        journal.record(sagaId, at, SagaTimelineEntryKind.EVENT_RECEIVED, event.getClass().getSimpleName(), SERVICE, note);
    }

    private void end(SagaJournal journal, SagaState state, Instant at) {
        journal.record(sagaId, at, SagaTimelineEntryKind.ENDED, null, SERVICE, state.name());
        journal.ended(TYPE, sagaId, state, at);
        SagaLifecycle.end();
    }
}
