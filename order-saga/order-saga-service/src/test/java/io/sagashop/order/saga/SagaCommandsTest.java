package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.platform.DomainError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

/** A saga handling's commands leave only when its unit of work commits; a refusal comes back to the saga as a deadline. */
class SagaCommandsTest {

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private final InMemorySagaJournal journal = new InMemorySagaJournal();
    private final DeadlineManager deadlines = mock(DeadlineManager.class);
    private final ScopeDescriptor scope = new SagaScopeDescriptor(OrderSaga.class.getName(), "saga-1");
    /** Counts the transactions the report of a failure runs in, and whether the deadline was scheduled inside one. */
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicBoolean inTransaction = new AtomicBoolean();
    private final TransactionManager transactions = () -> {
        inTransaction.set(true);
        return new Transaction() {
            @Override
            public void commit() {
                inTransaction.set(false);
                committed.incrementAndGet();
            }

            @Override
            public void rollback() {
                inTransaction.set(false);
            }
        };
    };
    private final SagaCommands commands = new SagaCommands(DefaultCommandGateway.builder().commandBus(bus).build(), deadlines,
            journal, transactions, "saga-1", scope, "CONFIRMING", Instant.now());

    @Test
    void aHandlingThatIsRolledBackSendsNothing() {
        DefaultUnitOfWork<?> handling = DefaultUnitOfWork.startAndGet(null);
        commands.send(new ReserveStock(ProductId.of("p-1"), "order-1", 1));

        assertThat(bus.getDispatchedCommands()).as("nothing leaves before the commit").isEmpty();
        handling.rollback();

        assertThat(bus.getDispatchedCommands()).isEmpty();
    }

    @Test
    void aCommittedHandlingSendsItsCommandsAfterTheCommit() {
        DefaultUnitOfWork<?> handling = DefaultUnitOfWork.startAndGet(null);
        commands.send(new ReserveStock(ProductId.of("p-1"), "order-1", 1));
        commands.send(new ReserveStock(ProductId.of("p-2"), "order-1", 2));
        handling.commit();

        assertThat(bus.getDispatchedCommands()).extracting(message -> (Object) message.getPayload())
                .containsExactly(new ReserveStock(ProductId.of("p-1"), "order-1", 1), new ReserveStock(ProductId.of("p-2"), "order-1", 2));
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_SENT)).hasSize(2);
        verifyNoInteractions(deadlines);
    }

    @Test
    void aRefusalIsReportedToTheSagaAsADeadlineDueAtOnceInItsScope() {
        bus.setCallbackBehavior((payload, metaData) -> {
            throw DomainError.conflict("not-reserved", "order order-1 holds no reservation of product p-1").exception();
        });
        AtomicBoolean scheduledInTransaction = new AtomicBoolean();
        when(deadlines.schedule(any(Duration.class), anyString(), any(), any(ScopeDescriptor.class))).thenAnswer(call -> {
            scheduledInTransaction.set(inTransaction.get());
            return "deadline-1";
        });
        commands.send(new CommitStock(ProductId.of("p-1"), "order-1"));

        // On the callback thread, outside any unit of work: the service's connections do not
        // auto-commit, so the deadline and the journal entry need a transaction of their own.
        assertThat(scheduledInTransaction).as("scheduled inside the report's transaction").isTrue();
        assertThat(committed).as("one transaction, committed").hasValue(1);

        verify(deadlines).schedule(eq(Duration.ZERO), eq(StepSaga.REFUSED_DEADLINE),
                eq(new CommandRefused("CONFIRMING", "CommitStock:p-1", "409 not-reserved: order order-1 holds no reservation of product p-1")),
                eq(scope));
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).startsWith("REFUSED"));
    }

    @Test
    void aTransientFailureIsOnlyJournalledTheStepDeadlineResends() {
        bus.setCallbackBehavior((payload, metaData) -> {
            throw new IllegalStateException("connection reset");
        });
        commands.send(new CommitStock(ProductId.of("p-1"), "order-1"));

        verifyNoInteractions(deadlines);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).startsWith("TRANSIENT"));
    }
}
