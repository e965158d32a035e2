package io.sagashop.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.UnknownFieldSet;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.SubscribeTopologyChanges;
import io.axoniq.axonserver.grpc.control.UnsubscribeTopologyChanges;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.config.ServerIdentity;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control stream as a hand-driven client sees it: acks, refusals, replacement and disappearance. */
class ControlStreamTest {

    private static final Duration SHORT = Duration.ofSeconds(2);
    private static TestHub hub;
    private static List<ClientDisconnected> disconnects;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start();
        disconnects = HubEvents.record(hub, ClientDisconnected.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void getPlatformServerReportsTheBoundPortsAndSameConnection() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort())) {
            PlatformInfo info = client.blocking().getPlatformServer(
                    ClientIdentification.newBuilder().setClientId("probe").setComponentName("probe").build());

            // The hub was configured with port 0: it must report the port it actually bound.
            assertThat(info.getPrimary().getGrpcPort()).isEqualTo(hub.grpcPort()).isPositive();
            assertThat(info.getPrimary().getHttpPort()).isEqualTo(hub.httpPort());
            assertThat(info.getPrimary().getNodeName()).isEqualTo("sagashop-hub");
            // The Axon Server version the hub matches (2025.2), never the hub's own build version.
            assertThat(info.getPrimary().getVersion()).isEqualTo(ServerIdentity.AXON_SERVER_API_VERSION).isEqualTo(20252);
            assertThat(info.getSameConnection()).isTrue();
        }
    }

    @Test
    void acknowledgesEveryInstructionThatHasAnIdAndNoneWithout() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort()).register("acks", "acks-1")) {
            String heartbeat = client.heartbeat();
            assertSuccessAck(client, heartbeat);

            client.send(PlatformInboundInstruction.newBuilder().setInstructionId("sub-1")
                    .setSubscribeTopologyChanges(SubscribeTopologyChanges.getDefaultInstance()).build());
            assertSuccessAck(client, "sub-1");
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "acks-1")
                    .map(ConnectedClient::topologySubscriber).orElse(false));
            client.send(PlatformInboundInstruction.newBuilder().setInstructionId("unsub-1")
                    .setUnsubscribeTopologyChanges(UnsubscribeTopologyChanges.getDefaultInstance()).build());
            assertSuccessAck(client, "unsub-1");

            client.send(PlatformInboundInstruction.newBuilder().setInstructionId("info-1")
                    .setEventProcessorInfo(Processors.tracking("orders", 1, 0)).build());
            assertSuccessAck(client, "info-1");

            // The registration was sent without id, as the connector does: no ack for it.
            assertThat(client.history()).filteredOn(PlatformOutboundInstruction::hasAck)
                    .extracting(i -> i.getAck().getInstructionId())
                    .containsExactly(heartbeat, "sub-1", "unsub-1", "info-1");
        }
    }

    @Test
    void acknowledgesARegistrationThatHasAnId() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort()).open()) {
            client.send(PlatformInboundInstruction.newBuilder().setInstructionId("register-1")
                    .setRegister(ClientIdentification.newBuilder().setClientId("with-id").setComponentName("acks"))
                    .build());
            assertSuccessAck(client, "register-1");
            assertThat(hub.bean(ClientRegistry.class).find("default", "with-id")).isPresent();
        }
    }

    @Test
    void refusesAnInstructionOfUnknownKindWithAxoniq1002() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort()).register("unknown-kinds", "unknown-1")) {
            // A kind from a newer protocol: field 99 is not in our control.proto.
            client.send(PlatformInboundInstruction.newBuilder().setInstructionId("future-1")
                    .setUnknownFields(UnknownFieldSet.newBuilder()
                            .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(
                                    com.google.protobuf.ByteString.copyFromUtf8("?")).build())
                            .build())
                    .build());
            var ack = client.next(i -> i.hasAck() && i.getAck().getInstructionId().equals("future-1"), SHORT).getAck();
            assertThat(ack.getSuccess()).isFalse();
            assertThat(ack.getError().getErrorCode()).isEqualTo("AXONIQ-1002");
            assertThat(ack.getError().getMessage()).contains("99");

            // No kind at all.
            client.send(PlatformInboundInstruction.newBuilder().setInstructionId("empty-1").build());
            ack = client.next(i -> i.hasAck() && i.getAck().getInstructionId().equals("empty-1"), SHORT).getAck();
            assertThat(ack.getSuccess()).isFalse();
            assertThat(ack.getError().getErrorCode()).isEqualTo("AXONIQ-1002");

            // The stream survives the refusal.
            assertSuccessAck(client, client.heartbeat());
        }
    }

    @Test
    void theNewestConnectionOfAClientIdWins() throws Exception {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        try (RawClient older = RawClient.connect(hub.grpcPort()).register("replaced", "same-id");
             RawClient newer = RawClient.connect(hub.grpcPort())) {
            await().until(() -> registry.find("default", "same-id").isPresent());
            ConnectedClient first = registry.find("default", "same-id").orElseThrow();

            newer.register("replaced", "same-id");
            await().until(() -> registry.find("default", "same-id").filter(c -> c != first).isPresent());
            // The hub closes the replaced stream; that is no disconnect of the instance.
            older.closed().get(5, TimeUnit.SECONDS);
            assertThat(disconnects).noneMatch(d -> d.clientId().equals("same-id"));
            assertSuccessAck(newer, newer.heartbeat());

            newer.complete();
            await().until(() -> disconnects.stream().anyMatch(d -> d.clientId().equals("same-id")));
            assertThat(registry.find("default", "same-id")).isEmpty();
        }
    }

    @Test
    void manyQuickReconnectsLeaveTheLastConnectionRegistered() throws Exception {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        RawClient last = null;
        for (int i = 0; i < 10; i++) {
            RawClient previous = last;
            last = RawClient.connect(hub.grpcPort()).register("flapping", "flapper");
            if (previous != null) {
                previous.complete();
                previous.close();
            }
        }
        try (RawClient survivor = last) {
            assertSuccessAck(survivor, survivor.heartbeat());
            await().untilAsserted(() -> assertThat(registry.find("default", "flapper")).isPresent());
            assertThat(survivor.closed()).isNotDone();
        }
    }

    @Test
    void aClientThatVanishesIsDroppedAndAnnounced() throws Exception {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        try (RawClient client = RawClient.connect(hub.grpcPort()).register("vanishing", "vanisher")) {
            await().until(() -> registry.find("default", "vanisher").isPresent());

            client.kill();

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> disconnects.stream().anyMatch(d -> d.clientId().equals("vanisher")));
            assertThat(registry.find("default", "vanisher")).isEmpty();
            assertThat(disconnects).filteredOn(d -> d.clientId().equals("vanisher"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.context()).isEqualTo("default");
                        assertThat(d.reason()).contains("control stream broke");
                    });
        }
    }

    @Test
    void refusesAnUnknownContextNamingIt() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort(), "nowhere", io.sagashop.hub.testing.TestHub.ADMIN_TOKEN)) {
            assertThatThrownBy(() -> client.blocking().getPlatformServer(ClientIdentification.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(e.getStatus().getDescription()).contains("Unknown context 'nowhere'");
                        assertThat(e.getTrailers().get(Metadata.Key.of("AxonIQ-ErrorCode",
                                Metadata.ASCII_STRING_MARSHALLER))).isNotBlank();
                    });

            client.register("lost", "lost-1");
            Throwable error = client.closed().get(5, TimeUnit.SECONDS);
            assertThat(Status.fromThrowable(error).getDescription()).contains("Unknown context 'nowhere'");
        }
        assertThat(hub.bean(ClientRegistry.class).all()).noneMatch(c -> c.clientId().equals("lost-1"));
    }

    @Test
    void requestReconnectReachesTheClient() throws Exception {
        List<ReconnectRequested> requests = HubEvents.record(hub, ReconnectRequested.class);
        try (RawClient client = RawClient.connect(hub.grpcPort()).register("reconnecting", "reconnect-me")) {
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "reconnect-me").isPresent());

            assertThat(hub.bean(ClientRegistry.class).requestReconnect("default", "reconnect-me")).isTrue();

            client.next(PlatformOutboundInstruction::hasRequestReconnect, SHORT);
            assertThat(requests).containsExactly(new ReconnectRequested("default", "reconnect-me"));
            assertThat(hub.bean(ClientRegistry.class).requestReconnect("default", "nobody")).isFalse();
        }
    }

    private static void assertSuccessAck(RawClient client, String instructionId) throws InterruptedException {
        var ack = client.next(i -> i.hasAck() && i.getAck().getInstructionId().equals(instructionId), SHORT).getAck();
        assertThat(ack.getSuccess()).as("ack of %s", instructionId).isTrue();
    }

}
