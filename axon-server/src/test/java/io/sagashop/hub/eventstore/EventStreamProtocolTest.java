package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventStream;
import io.axoniq.axonserver.grpc.event.dcb.DcbEventStoreGrpc;
import io.axoniq.axonserver.grpc.event.dcb.GetHeadRequest;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.PayloadDescription;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How ListEvents honours its requests (start token, permits, blacklist), and how bad requests are answered. */
class EventStreamProtocolTest {

    private static HubFixture fixture;
    private static final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void start() {
        fixture = HubFixture.start("protocol");
    }

    @AfterAll
    static void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theServerSendsNoMoreThanThePermitsAndContinuesWhenToppedUp() throws Exception {
        EventChannel channel = fixture.events();
        long first = channel.getLastToken().get(10, TimeUnit.SECONDS) + 1;
        HubFixture.appendNonAggregateEvents(channel, "test.Permit", 20, 20);

        RawStream stream = RawStream.open();
        stream.requests.onNext(GetEventsRequest.newBuilder().setTrackingToken(first).setNumberOfPermits(5).build());
        assertThat(stream.take(5)).extracting(EventWithToken::getToken)
                .containsExactly(first, first + 1, first + 2, first + 3, first + 4);
        assertThat(stream.received.poll(500, TimeUnit.MILLISECONDS)).as("nothing beyond the permits").isNull();

        stream.requests.onNext(GetEventsRequest.newBuilder().setNumberOfPermits(3).build());
        assertThat(stream.take(3)).extracting(EventWithToken::getToken).containsExactly(first + 5, first + 6, first + 7);
        assertThat(stream.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        stream.requests.onCompleted();
    }

    @Test
    void blacklistedPayloadTypesAreNotSent() throws Exception {
        EventChannel channel = fixture.events();
        long first = channel.getLastToken().get(10, TimeUnit.SECONDS) + 1;
        channel.appendEvents(event("test.Wanted"), event("test.Unwanted"), event("test.Wanted"),
                event("test.Unwanted"), event("test.Wanted")).get(10, TimeUnit.SECONDS);

        RawStream stream = RawStream.open();
        // Exactly as many permits as wanted events: afterwards the stream must wait.
        stream.requests.onNext(GetEventsRequest.newBuilder().setTrackingToken(first).setNumberOfPermits(3)
                .addBlacklist(PayloadDescription.newBuilder().setType("test.Unwanted")).build());
        assertThat(stream.take(3)).extracting(EventWithToken::getToken).containsExactly(first, first + 2, first + 4);

        // A blacklist update applies to what the stream sends after it: events appended while
        // the stream had no permits are filtered by the update that comes with the next permits.
        channel.appendEvents(event("test.Wanted"), event("test.Third")).get(10, TimeUnit.SECONDS);
        assertThat(stream.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        stream.requests.onNext(GetEventsRequest.newBuilder().setNumberOfPermits(5)
                .addBlacklist(PayloadDescription.newBuilder().setType("test.Wanted")).build());
        EventWithToken third = stream.take(1).get(0);
        assertThat(third.getEvent().getPayload().getType()).isEqualTo("test.Third");
        assertThat(third.getToken()).isEqualTo(first + 6);
        stream.requests.onCompleted();
    }

    @Test
    void aStreamFromBeyondTheHeadWaitsAndThenDeliversFromItsToken() throws Exception {
        EventChannel channel = fixture.events();
        long head = channel.getLastToken().get(10, TimeUnit.SECONDS);
        // The connector asks for token + 1: this stream starts at head + 3.
        EventStream stream = channel.openStream(head + 2, 64);
        assertThat(stream.nextIfAvailable(300, TimeUnit.MILLISECONDS)).isNull();

        HubFixture.appendNonAggregateEvents(channel, "test.Later", 5, 1);
        assertThat(stream.nextIfAvailable(10, TimeUnit.SECONDS).getToken()).isEqualTo(head + 3);
        assertThat(stream.nextIfAvailable(10, TimeUnit.SECONDS).getToken()).isEqualTo(head + 4);
        assertThat(stream.nextIfAvailable(10, TimeUnit.SECONDS).getToken()).isEqualTo(head + 5);
        stream.close();
    }

    @Test
    void badRequestsGetAStatusSayingWhatIsWrong() throws Exception {
        RawStream stream = RawStream.open();
        stream.requests.onNext(GetEventsRequest.newBuilder().setTrackingToken(-4).setNumberOfPermits(10).build());
        StatusRuntimeException error = stream.error.get(10, TimeUnit.SECONDS);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains("tracking_token must be 0 or more");

        var blocking = HubFixture.grpc(fixture.hub, EventStoreGrpc::newBlockingStub, channels)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> blocking.listAggregateEvents(GetAggregateEventsRequest.newBuilder().build()).hasNext())
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("aggregate identifier must not be empty");
        assertThatThrownBy(() -> blocking.readHighestSequenceNr(ReadHighestSequenceNrRequest.newBuilder().build()))
                .hasMessageContaining("INVALID_ARGUMENT");
    }

    @Test
    void aTransactionOfManyEventsIsStoredWholeWithConsecutiveTokens() throws Exception {
        EventChannel channel = fixture.events();
        long first = channel.getLastToken().get(10, TimeUnit.SECONDS) + 1;
        channel.appendEvents(HubFixture.aggregateEvents("many-1", 0, 1_000).toArray(io.axoniq.axonserver.grpc.event.Event[]::new))
                .get(30, TimeUnit.SECONDS);

        assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isEqualTo(first + 999);
        assertThat(HubFixture.read(channel, "many-1")).hasSize(1_000);
    }

    @Test
    void anAppendedMessageThatIsNotAnEventIsRefusedAndNothingIsStored() throws Exception {
        EventChannel channel = fixture.events();
        long lastToken = channel.getLastToken().get(10, TimeUnit.SECONDS);
        var bytes = new io.grpc.MethodDescriptor.Marshaller<byte[]>() {
            @Override
            public java.io.InputStream stream(byte[] value) {
                return new java.io.ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(java.io.InputStream stream) {
                throw new UnsupportedOperationException();
            }
        };
        var appendRaw = EventStoreGrpc.getAppendEventMethod().toBuilder(bytes,
                EventStoreGrpc.getAppendEventMethod().getResponseMarshaller()).build();
        ManagedChannel grpc = HubFixture.grpc(fixture.hub, c -> c, channels);
        var result = new io.axoniq.axonserver.connector.impl.FutureStreamObserver<
                io.axoniq.axonserver.grpc.event.Confirmation>((io.axoniq.axonserver.grpc.event.Confirmation) null);
        var requests = io.grpc.stub.ClientCalls.asyncClientStreamingCall(
                grpc.newCall(appendRaw, io.grpc.CallOptions.DEFAULT), result);
        requests.onNext(event("raw-1", 0).toByteArray());
        requests.onNext(new byte[] {(byte) 0x0A, (byte) 0x7F, 'x'});   // a string field cut short
        requests.onCompleted();

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("not a valid protobuf Event");
        assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isEqualTo(lastToken);
        assertThat(channel.findHighestSequence("raw-1").get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
    }

    @Test
    void methodsTheHubDoesNotImplementAnswerUnimplementedPromptly() {
        var dcb = HubFixture.grpc(fixture.hub, DcbEventStoreGrpc::newBlockingStub, channels)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> dcb.getHead(GetHeadRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    assertThat(e.getStatus().getDescription()).contains("GetHead");
                });
    }

    /** ListEvents on a plain gRPC stub, to control every request message. */
    private record RawStream(StreamObserver<GetEventsRequest> requests, BlockingQueue<EventWithToken> received,
                             CompletableFuture<StatusRuntimeException> error) {

        static RawStream open() {
            BlockingQueue<EventWithToken> received = new LinkedBlockingQueue<>();
            CompletableFuture<StatusRuntimeException> error = new CompletableFuture<>();
            var stub = HubFixture.grpc(fixture.hub, EventStoreGrpc::newStub, channels);
            StreamObserver<GetEventsRequest> requests = stub.listEvents(new StreamObserver<>() {
                @Override
                public void onNext(EventWithToken value) {
                    received.add(value);
                }

                @Override
                public void onError(Throwable t) {
                    error.complete((StatusRuntimeException) t);
                }

                @Override
                public void onCompleted() {
                    error.complete(null);
                }
            });
            return new RawStream(requests, received, error);
        }

        List<EventWithToken> take(int count) throws InterruptedException {
            List<EventWithToken> taken = new ArrayList<>();
            while (taken.size() < count) {
                EventWithToken next = received.poll(10, TimeUnit.SECONDS);
                assertThat(next).as("event %d of %d", taken.size() + 1, count).isNotNull();
                taken.add(next);
            }
            return taken;
        }
    }
}
