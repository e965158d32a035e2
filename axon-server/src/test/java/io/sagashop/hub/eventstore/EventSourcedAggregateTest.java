package io.sagashop.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** An event-sourced aggregate kept in the hub's event store through Axon's own repository. */
class EventSourcedAggregateTest {

    private static TestHub hub;
    private static ConfigurableApplicationContext client;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        client = TestClient.start(hub, "aggregates", "aggregates-1");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void appendsLoadsAndChangesAnEventSourcedAggregate() {
        EventStore eventStore = client.getBean(EventStore.class);
        EventSourcingRepository<Account> repository = EventSourcingRepository.builder(Account.class)
                .eventStore(eventStore).build();

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            try {
                repository.newInstance(() -> new Account("acc-1", 10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("acc-1").execute(a -> a.deposit(5)));
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("acc-1").execute(a -> a.deposit(7)));

        int[] balance = new int[1];
        long[] version = new long[1];
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("acc-1").execute(a -> {
            balance[0] = a.balance;
        }));
        DefaultUnitOfWork.startAndGet(null).execute(() -> version[0] = repository.load("acc-1").version());
        assertThat(balance[0]).isEqualTo(22);
        assertThat(version[0]).isEqualTo(2);

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents("acc-1").asStream().toList();
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(e -> (Object) e.getPayload().getClass()).containsExactly(
                AccountOpened.class, MoneyDeposited.class, MoneyDeposited.class);
        assertThat(events).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Account"));
    }

    public record AccountOpened(String accountId, int balance) {
    }

    public record MoneyDeposited(String accountId, int amount) {
    }

    public static class Account {
        @AggregateIdentifier
        public String accountId;
        public int balance;

        public Account() {
        }

        Account(String accountId, int initial) {
            apply(new AccountOpened(accountId, initial));
        }

        void deposit(int amount) {
            apply(new MoneyDeposited(accountId, amount));
        }

        @EventSourcingHandler
        void on(AccountOpened event) {
            accountId = event.accountId();
            balance = event.balance();
        }

        @EventSourcingHandler
        void on(MoneyDeposited event) {
            balance += event.amount();
        }
    }
}
