package io.sagashop.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventSchedulerGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.ScheduleEventRequest;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.command.CommandRouter;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.RawClient;
import io.sagashop.hub.routing.RecordingObserver;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub with the shop's own permissions file (hub-access.yml) and a token per application:
 * every gRPC service refuses anonymous and wrong callers with Axon Server's codes, each
 * application is held to its own messages, a client id stays with the application that
 * connected it, and a real Axon Framework 4.13 client with its token works as before.
 */
class GrpcAccessTest {

    static final String ADMIN = "grpc-admin-token-0123456789";
    static final String PAYMENT = "grpc-payment-token-0123456789";
    static final String ORDER_SAGA = "grpc-order-saga-token-0123456789";
    static final String NOTIFICATION = "grpc-notification-token-0123456789";
    static final String MONITORING = "grpc-monitoring-token-0123456789";
    static final String REFUND = "io.sagashop.payment.api.RefundPayment";
    static final String CONFIRM = "io.sagashop.order.api.ConfirmOrder";
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    private static TestHub hub;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void startHub() {
        hub = TestHub.start(Map.of("hub.access.tokens.admin", ADMIN, "hub.access.tokens.payment", PAYMENT,
                "hub.access.tokens.order-saga", ORDER_SAGA, "hub.access.tokens.notification", NOTIFICATION,
                "hub.access.tokens.monitoring", MONITORING));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void everyServiceRefusesACallWithoutATokenWithAxoniq1000() throws Exception {
        everyServiceRefuses(null, "AXONIQ-1000", "Access token missing");
    }

    @Test
    void everyServiceRefusesAnUnknownTokenWithAxoniq1001() throws Exception {
        everyServiceRefuses("not-a-token-of-this-hub", "AXONIQ-1001", "Invalid access token");
    }

    private void everyServiceRefuses(String token, String code, String message) throws Exception {
        ManagedChannel channel = channel(token);
        List<Throwable> errors = new ArrayList<>();
        errors.add(unary(() -> PlatformServiceGrpc.newBlockingStub(channel).getPlatformServer(
                ClientIdentification.getDefaultInstance())));
        errors.add(stream((StreamObserver<io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction> o) -> PlatformServiceGrpc.newStub(channel).openStream(o)));
        errors.add(unary(() -> CommandServiceGrpc.newBlockingStub(channel).dispatch(command(REFUND))));
        errors.add(stream((StreamObserver<CommandProviderInbound> o) -> CommandServiceGrpc.newStub(channel).openStream(o)));
        errors.add(unary(() -> QueryServiceGrpc.newBlockingStub(channel).query(query("io.sagashop.user.api.FindUserQuery")).hasNext()));
        errors.add(stream((StreamObserver<QueryProviderInbound> o) -> QueryServiceGrpc.newStub(channel).openStream(o)));
        errors.add(stream((StreamObserver<SubscriptionQueryResponse> o) -> QueryServiceGrpc.newStub(channel).subscription(o)));
        errors.add(unary(() -> EventStoreGrpc.newBlockingStub(channel).listAggregateEvents(
                GetAggregateEventsRequest.newBuilder().setAggregateId("order-1").build()).hasNext()));
        errors.add(stream((StreamObserver<io.axoniq.axonserver.grpc.event.EventWithToken> o) -> EventStoreGrpc.newStub(channel).listEvents(o)));
        errors.add(stream((StreamObserver<io.axoniq.axonserver.grpc.event.Confirmation> o) -> EventStoreGrpc.newStub(channel).appendEvent(o)));
        errors.add(unary(() -> EventStoreGrpc.newBlockingStub(channel).getLastToken(GetLastTokenRequest.getDefaultInstance())));
        errors.add(unary(() -> EventSchedulerGrpc.newBlockingStub(channel).scheduleEvent(
                ScheduleEventRequest.newBuilder().setInstant(1).setEvent(Event.getDefaultInstance()).build())));
        assertThat(errors).hasSize(12).allSatisfy(error -> assertRefused(error, Status.Code.UNAUTHENTICATED, code, message));
        assertThat(hub.bean(ClientRegistry.class).all()).isEmpty();
    }

    @Test
    void theNotificationServiceCannotRefundAPaymentNorHandleTheRefund() throws Exception {
        Throwable dispatch = unary(() -> CommandServiceGrpc.newBlockingStub(channel(NOTIFICATION)).dispatch(command(REFUND)));
        assertRefused(dispatch, Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "application 'notification'",
                "dispatch command " + REFUND);

        // Nor can it stand in as the refund's handler: the subscription is refused, nothing routes to it.
        RecordingObserver<CommandProviderInbound> inbound = new RecordingObserver<>();
        StreamObserver<CommandProviderOutbound> outbound = CommandServiceGrpc.newStub(channel(NOTIFICATION)).openStream(inbound);
        outbound.onNext(CommandProviderOutbound.newBuilder().setInstructionId("subscribe-refund")
                .setSubscribe(CommandSubscription.newBuilder().setCommand(REFUND).setClientId("notification-raw")
                        .setComponentName("notification").setLoadFactor(100).setMessageId("m1")).build());
        CommandProviderInbound ack = inbound.next(5);
        assertThat(ack.getAck().getInstructionId()).isEqualTo("subscribe-refund");
        assertThat(ack.getAck().getSuccess()).isFalse();
        assertThat(ack.getAck().getError().getErrorCode()).isEqualTo("AXONIQ-1001");
        assertThat(ack.getAck().getError().getMessage()).contains("application 'notification'", "handle command " + REFUND);
        assertThat(handlersOf(REFUND)).isEmpty();
        outbound.onCompleted();
    }

    @Test
    void eachApplicationGetsOnlyTheEventStoreAndControlRightsItIsGiven() throws Exception {
        // The notification service reads events but appends none and schedules none.
        assertThat(EventStoreGrpc.newBlockingStub(channel(NOTIFICATION)).getLastToken(GetLastTokenRequest.getDefaultInstance())
                .getToken()).isEqualTo(-1);
        assertRefused(unary(() -> EventStoreGrpc.newBlockingStub(channel(NOTIFICATION)).appendSnapshot(Event.newBuilder()
                        .setAggregateIdentifier("order-1").setAggregateType("Order").setMessageIdentifier("s1").build())),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "application 'notification'", "append events (AppendSnapshot)");
        assertRefused(stream((StreamObserver<io.axoniq.axonserver.grpc.event.Confirmation> o) -> EventStoreGrpc.newStub(channel(NOTIFICATION)).appendEvent(o)),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "append events (AppendEvent)");
        assertRefused(unary(() -> EventSchedulerGrpc.newBlockingStub(channel(NOTIFICATION)).scheduleEvent(
                        ScheduleEventRequest.newBuilder().setInstant(1).setEvent(Event.getDefaultInstance()).build())),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "schedule events");
        // The monitoring credential is for the HTTP API: no event, no control channel, no query.
        assertRefused(unary(() -> EventStoreGrpc.newBlockingStub(channel(MONITORING)).listAggregateEvents(
                        GetAggregateEventsRequest.newBuilder().setAggregateId("order-1").build()).hasNext()),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "application 'monitoring'", "read events (ListAggregateEvents)");
        assertRefused(stream((StreamObserver<io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction> o) -> PlatformServiceGrpc.newStub(channel(MONITORING)).openStream(o)),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "open the control channel");
        assertRefused(unary(() -> QueryServiceGrpc.newBlockingStub(channel(MONITORING))
                        .query(query("io.sagashop.user.api.FindUserQuery")).hasNext()),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001", "send query io.sagashop.user.api.FindUserQuery");
        RecordingObserver<SubscriptionQueryResponse> updates = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel(MONITORING)).subscription(updates).onNext(SubscriptionQueryRequest.newBuilder()
                .setSubscribe(SubscriptionQuery.newBuilder().setSubscriptionIdentifier("s1")
                        .setQueryRequest(query("io.sagashop.order.api.FindOrderQuery"))).build());
        assertRefused(updates.ended().get(5, TimeUnit.SECONDS), Status.Code.PERMISSION_DENIED, "AXONIQ-1001",
                "send query io.sagashop.order.api.FindOrderQuery");
        // Services the shop does not use are for the admin only.
        assertThat(EventStoreGrpc.newBlockingStub(channel(ADMIN)).getLastToken(GetLastTokenRequest.getDefaultInstance())
                .getToken()).isEqualTo(-1);
    }

    @Test
    void aClientIdStaysWithTheApplicationThatConnectedIt() throws Exception {
        try (RawClient payment = RawClient.connect(hub.grpcPort(), null, PAYMENT);
             RawClient impostor = RawClient.connect(hub.grpcPort(), null, NOTIFICATION)) {
            payment.register("payment", "payment-owned-1");
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "payment-owned-1").isPresent());

            impostor.register("payment", "payment-owned-1");
            assertRefused(impostor.closed().get(5, TimeUnit.SECONDS), Status.Code.PERMISSION_DENIED, "AXONIQ-1001",
                    "application 'notification'", "use client id payment-owned-1", "application 'payment'");
            assertThat(payment.closed()).isNotDone();
            assertThat(hub.bean(ClientRegistry.class).find("default", "payment-owned-1").orElseThrow().componentName())
                    .isEqualTo("payment");

            // Nor can it subscribe a handler in the payment instance's name, even one it may handle.
            RecordingObserver<QueryProviderInbound> inbound = new RecordingObserver<>();
            QueryServiceGrpc.newStub(channel(NOTIFICATION)).openStream(inbound).onNext(QueryProviderOutbound.newBuilder()
                    .setInstructionId("q1").setSubscribe(QuerySubscription.newBuilder()
                            .setQuery("io.sagashop.notification.api.FindNotificationsQuery").setClientId("payment-owned-1")
                            .setComponentName("payment").setMessageId("m2")).build());
            assertRefused(inbound.ended().get(5, TimeUnit.SECONDS), Status.Code.PERMISSION_DENIED, "AXONIQ-1001",
                    "use client id payment-owned-1");
        }
        // A control stream is one instance's: it cannot re-register under another client id.
        try (RawClient switching = RawClient.connect(hub.grpcPort(), null, NOTIFICATION)) {
            switching.register("notification", "notification-own-1");
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "notification-own-1").isPresent());
            switching.send(io.axoniq.axonserver.grpc.control.PlatformInboundInstruction.newBuilder().setRegister(
                    ClientIdentification.newBuilder().setClientId("notification-other-1").setComponentName("notification"))
                    .build());
            assertRefused(switching.closed().get(5, TimeUnit.SECONDS), Status.Code.PERMISSION_DENIED, "AXONIQ-1001",
                    "switch this stream from client id notification-own-1 to notification-other-1");
            assertThat(hub.bean(ClientRegistry.class).find("default", "notification-other-1")).isEmpty();
        }
        // Once the payment instance is gone, its id is free again.
        await().until(() -> hub.bean(ClientRegistry.class).find("default", "payment-owned-1").isEmpty());
        try (RawClient other = RawClient.connect(hub.grpcPort(), null, ORDER_SAGA)) {
            other.register("order-saga", "payment-owned-1");
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "payment-owned-1").isPresent());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PaymentHandlers {
        static final List<String> REFUNDED = new CopyOnWriteArrayList<>();

        @Bean
        PaymentHandlers handlers() {
            return new PaymentHandlers();
        }

        @CommandHandler(commandName = REFUND)
        String refund(String paymentId) {
            REFUNDED.add(paymentId);
            return "refunded " + paymentId;
        }

        /** Not the payment service's command: the hub refuses the subscription. */
        @CommandHandler(commandName = CONFIRM)
        String confirm(String orderId) {
            return "confirmed " + orderId;
        }
    }

    @Test
    void realAxonClientsWorkWithTheirTokensWithinTheirRights() {
        PaymentHandlers.REFUNDED.clear();
        try (ConfigurableApplicationContext payment = TestClient.start(hub, "payment", "payment-af-1",
                Map.of("axon.axonserver.token", PAYMENT), PaymentHandlers.class);
             ConfigurableApplicationContext orders = TestClient.start(hub, "order-saga", "order-saga-af-1",
                     Map.of("axon.axonserver.token", ORDER_SAGA));
             ConfigurableApplicationContext notification = TestClient.start(hub, "notification", "notification-af-1",
                     Map.of("axon.axonserver.token", NOTIFICATION))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> handlersOf(REFUND).contains("payment-af-1"));
            assertThat(handlersOf(CONFIRM)).isEmpty();

            Object refunded = orders.getBean(CommandGateway.class).sendAndWait(
                    new GenericCommandMessage<>(new GenericMessage<>("payment-7"), REFUND));
            assertThat(refunded).isEqualTo("refunded payment-7");

            assertThatThrownBy(() -> notification.getBean(CommandGateway.class).sendAndWait(
                    new GenericCommandMessage<>(new GenericMessage<>("payment-8"), REFUND)))
                    .hasStackTraceContaining("PERMISSION_DENIED")
                    .hasStackTraceContaining("application 'notification' may not dispatch command " + REFUND);
            assertThat(PaymentHandlers.REFUNDED).containsExactly("payment-7");
        }
    }

    private List<String> handlersOf(String command) {
        return hub.bean(CommandRouter.class).commands("default").stream().filter(c -> c.name().equals(command))
                .flatMap(c -> c.handlers().stream()).map(h -> h.clientId()).toList();
    }

    private ManagedChannel channel(String token) {
        ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext();
        if (token != null) {
            builder.intercept(TestHub.token(token));
        }
        ManagedChannel channel = builder.build();
        channels.add(channel);
        return channel;
    }

    private static Throwable unary(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private static <Q, R> Throwable stream(Function<StreamObserver<R>, StreamObserver<Q>> open) throws Exception {
        RecordingObserver<R> responses = new RecordingObserver<>();
        open.apply(responses);
        return responses.ended().get(5, TimeUnit.SECONDS);
    }

    private static void assertRefused(Throwable error, Status.Code status, String code, String... message) {
        assertThat(error).isInstanceOf(StatusRuntimeException.class);
        StatusRuntimeException e = (StatusRuntimeException) error;
        assertThat(e.getStatus().getCode()).isEqualTo(status);
        assertThat(e.getTrailers() == null ? null : e.getTrailers().get(ERROR_CODE)).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).contains(code).contains(message);
    }

    private static Command command(String name) {
        return Command.newBuilder().setName(name).setMessageIdentifier("c-" + System.nanoTime())
                .setPayload(SerializedObject.newBuilder().setType("java.lang.String")).build();
    }

    private static QueryRequest query(String name) {
        return QueryRequest.newBuilder().setQuery(name).setMessageIdentifier("q-" + System.nanoTime()).build();
    }
}
