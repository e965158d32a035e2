package io.sagashop.order.saga;

import io.sagashop.inspection.SagaJournal;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.slf4j.LoggerFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Sends the commands of one saga handling. Each is journalled in the handling's transaction and
 * sent after it commits ({@link AfterCommit}). Its outcome arrives in a callback outside the
 * saga's unit of work, which decides nothing: it journals a failure and, for a refusal (4xx),
 * reports it to the saga as a {@code command-refused} deadline due at once, which the saga handles
 * in its own unit of work ({@link StepSaga}). What follows a command that got no answer (not
 * delivered, failed, or a refusal report lost in a crash) is the saga's step deadline, armed in the
 * same transaction as the send, which resends the step's unanswered commands.
 */
final class SagaCommands {

    private final CommandGateway gateway;
    private final DeadlineManager deadlines;
    private final SagaJournal journal;
    private final TransactionManager transactions;
    private final String sagaId;
    private final ScopeDescriptor scope;
    private final String step;
    private final Instant at;
    private final MetaData correlation;

    SagaCommands(CommandGateway gateway, DeadlineManager deadlines, SagaJournal journal, TransactionManager transactions,
                 String sagaId, ScopeDescriptor scope, String step, Instant at) {
        this.gateway = gateway;
        this.deadlines = deadlines;
        this.journal = journal;
        this.transactions = transactions;
        this.sagaId = sagaId;
        this.scope = scope;
        this.step = step;
        this.at = at;
        // Commands go out after the commit, where the handled event's correlation and trace ids
        // are no longer attached by the unit of work:
        // keep them here so every command of this handling carries them (the hub's order timeline
        // and the logs follow an order by them).
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

    private void journalSent(Object command) {
        journal.record(sagaId, at, SagaTimelineEntryKind.COMMAND_SENT, MessageNames.name(command),
                StepSaga.SERVICE, MessageNames.describe(command));
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

    /**
     * Reports a failed command: a timeline entry, and for a refusal a deadline into the saga. On
     * the command's callback thread, outside any unit of work, so in a transaction of its own (the
     * service's connections do not auto-commit); the entry and the deadline commit together.
     */
    private void failed(Object command, Throwable failure) {
        transactions.executeInTransaction(() -> report(command, failure));
    }

    private void report(Object command, Throwable failure) {
        FailureKind kind = FailureKind.of(failure);
        journal.record(sagaId, Instant.now(), SagaTimelineEntryKind.COMMAND_FAILED, MessageNames.name(command),
                MessageNames.service(command.getClass()), kind + " - " + FailureKind.describe(failure));
        if (kind == FailureKind.REFUSED && deadlines != null && scope != null && step != null) {
            try {
                deadlines.schedule(Duration.ZERO, StepSaga.REFUSED_DEADLINE,
                        new CommandRefused(step, StepSaga.key(command), FailureKind.describe(failure)), scope);
            } catch (RuntimeException unreported) {
                // The step deadline resends the command, and its refusal is reported again.
                LoggerFactory.getLogger(SagaCommands.class).warn("A refusal of {} was not reported to saga {}",
                        MessageNames.name(command), sagaId, unreported);
            }
        }
    }
}
