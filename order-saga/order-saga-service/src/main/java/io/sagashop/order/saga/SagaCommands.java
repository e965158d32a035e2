package io.sagashop.order.saga;

import io.sagashop.order.api.SagaTimelineEntryKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Sends the commands of one saga handling and arranges their retry. Commands go out with
 * {@code send} (never waiting inside the handler); their outcome arrives in a callback that runs
 * outside the saga's unit of work, so the callback cannot change the saga's state. It records
 * the failure in the journal and, unless the participant refused, schedules a retry deadline on
 * the saga's scope explicitly ({@link ScopeDescriptor} captured while handling). When that
 * deadline fires, the saga resends its current step if nothing happened in between.
 */
final class SagaCommands {

    private final CommandGateway gateway;
    private final DeadlineManager deadlines;
    private final SagaResources resources;
    private final String sagaId;
    private final ScopeDescriptor scope;
    private final Instant at;
    private final RetryPlan plan;
    private final MetaData correlation;

    /**
     * @param generation    the saga's retry generation now
     * @param retriesInStep how often the current step was retried already (sets the backoff)
     * @param retryUntil    no retry is scheduled to fire at or after this (the order deadline,
     *                      which compensates instead), or {@code null}: retry without end
     *                      (compensations, which have nothing to fall back to)
     */
    record RetryPlan(long generation, int retriesInStep, Instant retryUntil) {
    }

    SagaCommands(CommandGateway gateway, DeadlineManager deadlines, SagaResources resources, String sagaId,
                 ScopeDescriptor scope, Instant at, RetryPlan plan) {
        this.gateway = gateway;
        this.deadlines = deadlines;
        this.resources = resources;
        this.sagaId = sagaId;
        this.scope = scope;
        this.at = at;
        this.plan = plan;
        // Commands sent in order go out from the previous command's callback, outside the unit of
        // work that would otherwise attach the handled event's correlation and trace ids: keep
        // them here so every command of this handling carries them (the hub's order timeline and
        // the logs follow an order by them).
        this.correlation = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getCorrelationData()
                : MetaData.emptyInstance();
    }

    /**
     * Records the command in the journal now and sends it once the handling's transaction has
     * committed ({@link AfterCommit}): a handling that is rolled back has sent nothing.
     */
    void send(Object command) {
        journalSent(command);
        AfterCommit.run(() -> dispatch(command));
    }

    /**
     * Sends the commands one after the other, each once the previous one's outcome is known
     * (whatever it is): for commands whose order matters at their handler. The first goes out
     * after the handling's commit, like {@link #send}.
     */
    void sendInOrder(List<Object> commands) {
        commands.forEach(this::journalSent);
        AfterCommit.run(() -> {
            CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
            for (Object command : commands) {
                previous = previous.thenCompose(ignored -> dispatch(command));
            }
        });
    }

    private void journalSent(Object command) {
        resources.journal().record(sagaId, at, SagaTimelineEntryKind.COMMAND_SENT, MessageNames.name(command),
                OrderSaga.SERVICE, MessageNames.describe(command));
    }

    /** Sends now; the returned stage completes (normally) once the outcome was handled. */
    private CompletableFuture<Void> dispatch(Object command) {
        CompletableFuture<Object> outcome;
        try {
            outcome = gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(correlation));
        } catch (RuntimeException failure) {
            outcome = CompletableFuture.failedFuture(failure);
        }
        return outcome.handle((result, failure) -> {
            if (failure != null) {
                failed(command, failure);
            }
            return null;
        });
    }

    private void failed(Object command, Throwable failure) {
        FailureKind kind = FailureKind.of(failure);
        SagaJournal journal = resources.journal();
        journal.record(sagaId, at, SagaTimelineEntryKind.COMMAND_FAILED, MessageNames.name(command),
                MessageNames.service(command.getClass()), kind + " - " + FailureKind.describe(failure));
        if (!kind.retried()) {
            return;
        }
        Duration backoff = resources.settings().backoff(plan.retriesInStep());
        Instant due = at.plus(backoff);
        if (plan.retryUntil() != null && !due.isBefore(plan.retryUntil())) {
            journal.record(sagaId, at, SagaTimelineEntryKind.RETRY, MessageNames.name(command), OrderSaga.SERVICE,
                    "no retry: the order deadline at " + plan.retryUntil() + " comes first and compensates");
            return;
        }
        if (!resources.retries().claim(sagaId, plan.generation())) {
            return;
        }
        String deadlineId = deadlines.schedule(backoff, OrderSaga.RETRY_DEADLINE, new RetryDue(plan.generation(), due), scope);
        journal.deadlineSet(sagaId, OrderSaga.RETRY_DEADLINE, deadlineId, due);
        journal.record(sagaId, at, SagaTimelineEntryKind.DEADLINE_SET, OrderSaga.RETRY_DEADLINE, OrderSaga.SERVICE,
                "retry " + (plan.retriesInStep() + 1) + " of the step in " + backoff.toMillis() + " ms, due " + due);
    }
}
