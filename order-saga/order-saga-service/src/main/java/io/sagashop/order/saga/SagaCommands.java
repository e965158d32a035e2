package io.sagashop.order.saga;

import io.sagashop.order.api.SagaTimelineEntryKind;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Sends the commands of one saga handling. Each is journalled in the handling's transaction and
 * sent after it commits ({@link AfterCommit}). Its outcome arrives in a callback outside the
 * saga's unit of work, which plans nothing: it only journals a failure. What follows a command
 * that got no answer (not delivered, failed, refused) is the saga's step deadline, armed in the
 * same transaction, which resends the step's unanswered commands.
 */
final class SagaCommands {

    private final CommandGateway gateway;
    private final SagaJournal journal;
    private final String sagaId;
    private final Instant at;
    private final MetaData correlation;

    SagaCommands(CommandGateway gateway, SagaJournal journal, String sagaId, Instant at) {
        this.gateway = gateway;
        this.journal = journal;
        this.sagaId = sagaId;
        this.at = at;
        // Commands go out after the commit (and some from the previous command's callback), where
        // the handled event's correlation and trace ids are no longer attached by the unit of work:
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
        journal.record(sagaId, at, SagaTimelineEntryKind.COMMAND_SENT, MessageNames.name(command),
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
        journal.record(sagaId, Instant.now(), SagaTimelineEntryKind.COMMAND_FAILED, MessageNames.name(command),
                MessageNames.service(command.getClass()), kind + " - " + FailureKind.describe(failure));
    }
}
