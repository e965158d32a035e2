package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.order.api.SagaTimelineEntryKind;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

/** A saga handling's commands leave only when its unit of work commits. */
class SagaCommandsTest {

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private final InMemorySagaJournal journal = new InMemorySagaJournal();
    private final SagaCommands commands = new SagaCommands(DefaultCommandGateway.builder().commandBus(bus).build(), journal,
            "saga-1", Instant.now());

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
    }
}
