package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.aggregateEvents;
import static io.sagashop.hub.eventstore.HubFixture.event;
import static io.sagashop.hub.eventstore.HubFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.event.util.GrpcExceptionParser;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency on aggregate sequence numbers: one winner, and losers store nothing. */
class AppendConcurrencyTest {

    private static final Metadata.Key<String> ERROR_CODE =
            Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    private static HubFixture fixture;

    @BeforeAll
    static void start() {
        fixture = HubFixture.start("concurrency");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void concurrentAppendsToOneAggregateLetExactlyOneWinAndTheLoserGetsAConcurrencyException() throws Exception {
        EventChannel channel = fixture.events();
        channel.appendEvents(aggregateEvents("order-1", 0, 3).toArray(Event[]::new)).get(10, TimeUnit.SECONDS);

        // Both transactions are open on the hub before either commits, each continuing at sequence 3.
        AppendEventsTransaction first = channel.startAppendEventsTransaction();
        AppendEventsTransaction second = channel.startAppendEventsTransaction();
        Event fromFirst = event("order-1", 3);
        Event fromSecond = event("order-1", 3);
        first.appendEvent(fromFirst).appendEvent(event("order-1", 4));
        second.appendEvent(fromSecond);
        CompletableFuture<Confirmation> firstResult = first.commit();
        CompletableFuture<Confirmation> secondResult = second.commit();

        List<Throwable> failures = new ArrayList<>();
        List<Event> winners = new ArrayList<>();
        for (var attempt : List.of(List.of(firstResult, fromFirst), List.of(secondResult, fromSecond))) {
            try {
                assertThat(((CompletableFuture<?>) attempt.get(0)).get(10, TimeUnit.SECONDS)).isNotNull();
                winners.add((Event) attempt.get(1));
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(failures).hasSize(1);
        StatusRuntimeException failure = (StatusRuntimeException) failures.get(0);
        assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(failure.getStatus().getDescription()).matches(
                "\\[AXONIQ-2000] Invalid sequence number 3 for aggregate order-1, expected (4|5)");
        assertThat(failure.getTrailers().get(ERROR_CODE)).isEqualTo("AXONIQ-2000");
        // The framework's own parser turns it into the exception Axon retries commands on.
        assertThat(GrpcExceptionParser.parse(failure)).isInstanceOf(ConcurrencyException.class);

        List<Event> stored = read(channel, "order-1");
        assertThat(stored).extracting(Event::getAggregateSequenceNumber)
                .containsExactly(winners.get(0) == fromFirst ? new Long[] {0L, 1L, 2L, 3L, 4L} : new Long[] {0L, 1L, 2L, 3L});
        assertThat(stored.get(3).getMessageIdentifier()).isEqualTo(winners.get(0).getMessageIdentifier());
    }

    @Test
    void aTransactionWithOneConflictingAggregateStoresNothingOfItsOtherAggregates() throws Exception {
        EventChannel channel = fixture.events();
        channel.appendEvents(aggregateEvents("customer-1", 0, 2).toArray(Event[]::new)).get(10, TimeUnit.SECONDS);
        long lastToken = channel.getLastToken().get(10, TimeUnit.SECONDS);

        AppendEventsTransaction transaction = channel.startAppendEventsTransaction();
        transaction.appendEvent(event("invoice-1", 0))
                .appendEvent(event("invoice-1", 1))
                .appendEvent(event("customer-1", 1))      // customer-1 is at 1 already: clash
                .appendEvent(event("invoice-2", 0));
        Throwable failure = catchThrowable(() -> transaction.commit().get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("[AXONIQ-2000] Invalid sequence number 1 for aggregate customer-1, expected 2");
        assertThat(channel.findHighestSequence("invoice-1").get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
        assertThat(channel.findHighestSequence("invoice-2").get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
        assertThat(read(channel, "customer-1")).hasSize(2);
        assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isEqualTo(lastToken);

        // The store is unharmed: the same aggregates continue normally.
        channel.appendEvents(event("invoice-1", 0), event("customer-1", 2)).get(10, TimeUnit.SECONDS);
        assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isEqualTo(lastToken + 2);
    }

    @Test
    void manyWritersRacingOnTheSameAggregatesGetExactlyOneWinnerPerSequenceNumber() throws Exception {
        EventChannel channel = fixture.events();
        int writers = 16;
        int rounds = 30;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            long wins = 0;
            for (int round = 0; round < rounds; round++) {
                int sequence = round;
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    attempts.add(pool.submit(() -> {
                        try {
                            // Each writer also appends an uncontested event of its own aggregate
                            // in the same transaction: it must vanish with the lost race.
                            channel.appendEvents(event("race-a", sequence), event("race-b", sequence))
                                    .get(10, TimeUnit.SECONDS);
                            return true;
                        } catch (ExecutionException e) {
                            assertThat(e.getCause()).hasMessageContaining("AXONIQ-2000");
                            return false;
                        }
                    }));
                }
                int won = 0;
                for (Future<Boolean> attempt : attempts) {
                    won += attempt.get() ? 1 : 0;
                }
                assertThat(won).as("winners of round %d", round).isEqualTo(1);
                wins += won;
            }
            assertThat(wins).isEqualTo(rounds);
            assertThat(read(channel, "race-a")).extracting(Event::getAggregateSequenceNumber)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, rounds).boxed().toList());
            assertThat(read(channel, "race-b")).hasSize(rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedAndOversizeEventsAreRefusedWithAReasonAndChangeNothing() throws Exception {
        EventChannel channel = fixture.events();
        long lastToken = channel.getLastToken().get(10, TimeUnit.SECONDS);
        Event noAggregateId = event("x", 3).toBuilder().setAggregateIdentifier("").build();
        Event negativeSequence = event("neg-1", -1);

        assertThatThrownBy(() -> channel.appendEvents(event("fine-1", 0), noAggregateId).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageContaining("no aggregate identifier");
        assertThatThrownBy(() -> channel.appendEvents(negativeSequence).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("negative sequence number");
        assertThatThrownBy(() -> channel.appendEvents(event("y".repeat(2000), 0)).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("longer than 1024 bytes");

        // Over the hub's 4 MB message limit (a plain gRPC client: Axon's would refuse to send it).
        List<io.grpc.ManagedChannel> channels = new ArrayList<>();
        try {
            var stub = HubFixture.grpc(fixture.hub, io.axoniq.axonserver.grpc.event.EventStoreGrpc::newStub, channels);
            io.axoniq.axonserver.connector.impl.FutureStreamObserver<Confirmation> result =
                    new io.axoniq.axonserver.connector.impl.FutureStreamObserver<>((Confirmation) null);
            var transaction = stub.appendEvent(result);
            transaction.onNext(event("fine-1", 0));
            transaction.onNext(event("big-1", 0, "test.Big", "x".repeat(5 * 1024 * 1024)));
            transaction.onCompleted();
            assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS)).hasMessageContaining("RESOURCE_EXHAUSTED");
        } finally {
            channels.forEach(io.grpc.ManagedChannel::shutdownNow);
        }

        assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isEqualTo(lastToken);
        assertThat(channel.findHighestSequence("fine-1").get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
        assertThat(channel.findHighestSequence("big-1").get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
    }
}
