package io.sagashop.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.testing.TestHub;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub under a flood stays within its bounds and says so with the documented refusals:
 * commands for a handler that stopped taking them, 64 writers appending large transactions,
 * 1 000 tracking streams opened at once. The hub runs in this JVM with small limits, so the
 * bounds are reached quickly; the heap it retains under the flood (measured after a GC) stays
 * under {@link #RETAINED_HEAP_BOUND} above what it held before, and every confirmed append is
 * readable afterwards.
 */
class OverloadTest {

    private static final int COMMAND_QUEUE = 1000;
    private static final int PERMITS = 16;
    private static final long PENDING_APPENDS = 4L * 1024 * 1024;
    private static final int MAX_STREAMS = 1000;
    private static final int READER_THREADS = 8;
    /** What the flood may add to the heap: the limits above allow ~10 MB; the rest is gRPC and test clients. */
    private static final long RETAINED_HEAP_BOUND = 192L * 1024 * 1024;

    private static TestHub hub;
    private static final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of(
                "hub.command.queue-capacity-per-client", String.valueOf(COMMAND_QUEUE),
                "hub.command.default-timeout", "20s",
                "hub.eventstore.max-pending-append-size", PENDING_APPENDS + "B",
                "hub.eventstore.max-open-streams", String.valueOf(MAX_STREAMS),
                "hub.eventstore.reader-threads", String.valueOf(READER_THREADS)));
    }

    @AfterAll
    static void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aFloodOfCommandsAppendsAndStreamsIsRefusedPastTheLimitsAndNothingConfirmedIsLost() throws Exception {
        long before = retainedHeap();

        // 1. A handler that takes 16 commands and then stops reading: 1 000 more wait, the rest are refused.
        ManagedChannel commandChannel = channel();
        StreamObserver<CommandProviderOutbound> stuck = CommandServiceGrpc.newStub(commandChannel)
                .openStream(new Ignoring<>());
        stuck.onNext(CommandProviderOutbound.newBuilder().setInstructionId("sub").setSubscribe(CommandSubscription
                .newBuilder().setMessageId("sub").setCommand("overload.Flood").setClientId("stuck-1")
                .setComponentName("stuck").setLoadFactor(100)).build());
        stuck.onNext(CommandProviderOutbound.newBuilder().setFlowControl(FlowControl.newBuilder()
                .setClientId("stuck-1").setPermits(PERMITS)).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.bean(io.sagashop.hub.command.CommandRouter.class)
                .commands("default").isEmpty());
        int flood = PERMITS + COMMAND_QUEUE + 2000;
        Queue<CommandResponse> answers = new ConcurrentLinkedQueue<>();
        CountDownLatch refusedOrAnswered = new CountDownLatch(flood - PERMITS - COMMAND_QUEUE);
        CommandServiceGrpc.CommandServiceStub dispatcher = CommandServiceGrpc.newStub(commandChannel);
        for (int i = 0; i < flood; i++) {
            dispatcher.dispatch(Command.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                    .setName("overload.Flood").setPayload(payload(1024)).build(), new StreamObserver<>() {
                @Override
                public void onNext(CommandResponse response) {
                    answers.add(response);
                    refusedOrAnswered.countDown();
                }

                @Override
                public void onError(Throwable t) {
                    refusedOrAnswered.countDown();
                }

                @Override
                public void onCompleted() {
                }
            });
        }
        assertThat(refusedOrAnswered.await(15, TimeUnit.SECONDS)).as("commands beyond the queue are answered at once")
                .isTrue();
        assertThat(answers).hasSize(flood - PERMITS - COMMAND_QUEUE).allSatisfy(answer -> {
            assertThat(answer.getErrorCode()).isEqualTo("AXONIQ-4003");
            assertThat(answer.getErrorMessage().getMessage()).startsWith("Command overload.Flood refused: "
                    + COMMAND_QUEUE + " commands already wait for handler stuck-1")
                    .endsWith("(hub.command.queue-capacity-per-client)");
        });

        // 2. 64 writers appending 512 KB transactions against a 4 MB budget.
        ManagedChannel eventChannel = channel();
        int writers = 64;
        int transactionsEach = 4;
        Queue<String> confirmed = new ConcurrentLinkedQueue<>();
        Queue<Status> refusals = new ConcurrentLinkedQueue<>();
        ExecutorService writerThreads = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(CompletableFuture.runAsync(() -> {
                for (int t = 0; t < transactionsEach; t++) {
                    String aggregate = "big-" + writer + "-" + t;
                    Status outcome = append(eventChannel, aggregate, 16, 32 * 1024);
                    if (outcome.isOk()) {
                        confirmed.add(aggregate);
                    } else {
                        refusals.add(outcome);
                    }
                }
            }, writerThreads));
        }
        // While the appends arrive and are held: what the hub keeps is bounded by the limits.
        CompletableFuture<Void> all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
        long during = 0;
        for (int sample = 0; sample < 10 && !all.isDone(); sample++) {
            during = Math.max(during, retainedHeap());
        }
        all.get(120, TimeUnit.SECONDS);
        writerThreads.shutdown();

        assertThat(confirmed).as("some appends are stored").isNotEmpty();
        assertThat(refusals).as("and some refused: 64 x 512 KB is more than 4 MB").isNotEmpty().allSatisfy(status -> {
            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(status.getDescription()).startsWith("[AXONIQ-1900] The hub holds ")
                    .contains("(hub.eventstore.max-pending-append-size)");
        });
        assertThat(confirmed.size() + refusals.size()).isEqualTo(writers * transactionsEach);
        EventStoreGrpc.EventStoreBlockingStub reader = EventStoreGrpc.newBlockingStub(eventChannel);
        for (String aggregate : confirmed) {
            List<Long> sequences = new ArrayList<>();
            reader.listAggregateEvents(GetAggregateEventsRequest.newBuilder().setAggregateId(aggregate).build())
                    .forEachRemaining(event -> sequences.add(event.getAggregateSequenceNumber()));
            assertThat(sequences).as("confirmed %s is stored whole", aggregate)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 16).boxed().toList());
        }
        EventStoreService store = hub.bean(EventStoreService.class);
        assertThat(store.pendingAppendBytes()).as("every reservation released").isZero();

        // 3. 1 000 tracking streams at once, each reading the first 5 events; the 1 001st is refused.
        long events = store.lastToken("default") + 1;
        ManagedChannel streamChannel = channel();
        CountDownLatch allRead = new CountDownLatch(MAX_STREAMS);
        List<StreamObserver<GetEventsRequest>> streams = new ArrayList<>();
        for (int i = 0; i < MAX_STREAMS; i++) {
            AtomicInteger received = new AtomicInteger();
            StreamObserver<GetEventsRequest> requests = EventStoreGrpc.newStub(streamChannel).listEvents(new Ignoring<>() {
                @Override
                public void onNext(EventWithToken event) {
                    if (received.incrementAndGet() == 5) {
                        allRead.countDown();
                    }
                }
            });
            requests.onNext(GetEventsRequest.newBuilder().setTrackingToken(0).setNumberOfPermits(5).build());
            streams.add(requests);
        }
        assertThat(allRead.await(60, TimeUnit.SECONDS)).as("every stream is served").isTrue();
        assertThat(events).isGreaterThanOrEqualTo(5);
        long readerThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("hub-reader-")).count();
        assertThat(readerThreads).as("stream pumps use the bounded pool").isLessThanOrEqualTo(READER_THREADS);
        during = Math.max(during, retainedHeap());

        CompletableFuture<Status> refused = new CompletableFuture<>();
        EventStoreGrpc.newStub(streamChannel).listEvents(new Ignoring<>() {
            @Override
            public void onError(Throwable t) {
                refused.complete(Status.fromThrowable(t));
            }
        }).onNext(GetEventsRequest.newBuilder().setTrackingToken(0).setNumberOfPermits(5).build());
        Status status = refused.get(10, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getDescription()).isEqualTo("[AXONIQ-1900] " + MAX_STREAMS
                + " event streams are open in context default, the limit (hub.eventstore.max-open-streams); try again later");
        streams.forEach(StreamObserver::onCompleted);

        // For docs/performance.md: what the flood did, read from the test's output.
        System.out.printf("OverloadTest: %d commands refused, %d appends confirmed, %d refused, %d events in store,"
                + " %d reader threads, retained heap %d MB before, %d MB at most under the flood%n",
                answers.size(), confirmed.size(), refusals.size(), events, readerThreads, before >> 20, during >> 20);
        assertThat(during - before).as("heap the hub retained under the flood").isLessThan(RETAINED_HEAP_BOUND);
        // The commands that waited for the stuck handler time out and leave its queue.
        await().atMost(Duration.ofSeconds(40)).until(() -> hub.bean(io.sagashop.hub.command.CommandRouter.class)
                .commands("default").get(0).handlers().get(0).waiting() == 0);
        stuck.onCompleted();
    }

    /** One append transaction on the raw API; OK when confirmed, else the status it failed with. */
    private static Status append(ManagedChannel channel, String aggregate, int events, int bytesEach) {
        CompletableFuture<Status> outcome = new CompletableFuture<>();
        StreamObserver<Event> transaction = EventStoreGrpc.newStub(channel).appendEvent(new StreamObserver<>() {
            @Override
            public void onNext(Confirmation confirmation) {
            }

            @Override
            public void onError(Throwable t) {
                outcome.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                outcome.complete(Status.OK);
            }
        });
        try {
            for (int i = 0; i < events && !outcome.isDone(); i++) {
                transaction.onNext(Event.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                        .setAggregateIdentifier(aggregate).setAggregateSequenceNumber(i).setAggregateType("Big")
                        .setTimestamp(System.currentTimeMillis()).setPayload(payload(bytesEach)).build());
            }
            transaction.onCompleted();
        } catch (IllegalStateException alreadyRefused) {
            // the hub ended the call while we were still sending
        }
        try {
            return outcome.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Status.fromThrowable(e);
        }
    }

    private static SerializedObject payload(int bytes) {
        return SerializedObject.newBuilder().setType("overload.Payload")
                .setData(ByteString.copyFrom(new byte[bytes])).build();
    }

    private static ManagedChannel channel() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext()
                .maxInboundMessageSize(8 * 1024 * 1024).intercept(TestHub.adminToken()).build();
        channels.add(channel);
        return channel;
    }

    /** Heap in use right after a full collection: what is retained, not garbage waiting to be collected. */
    private static long retainedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static class Ignoring<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
