package io.sagashop.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.connector.impl.AxonServerManagedChannel;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.Http;
import io.sagashop.hub.platform.RawClient;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/** With {@code hub.access-token} set, gRPC and HTTP callers need it; Axon clients see why they are refused. */
class AccessControlTest {

    private static final String TOKEN = "s3cret-token";
    private static final Metadata.Key<String> ERROR_CODE =
            Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);
    private static TestHub hub;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start(Map.of("hub.access-token", TOKEN));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void grpcCallsWithoutTheTokenAreRefusedWithAxoniq1000() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort(), null, null)) {
            assertRefused(client, "AXONIQ-1000", "Access token missing");
        }
    }

    @Test
    void grpcCallsWithAWrongTokenAreRefusedWithAxoniq1001() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort(), null, "guess")) {
            assertRefused(client, "AXONIQ-1001", "Invalid access token");
        }
    }

    @Test
    void grpcCallsWithTheTokenAreServed() throws Exception {
        try (RawClient client = RawClient.connect(hub.grpcPort(), null, TOKEN)) {
            assertThat(client.blocking().getPlatformServer(ClientIdentification.getDefaultInstance())
                    .getSameConnection()).isTrue();
            client.register("token-app", "token-raw-1");
            await().until(() -> hub.bean(ClientRegistry.class).find("default", "token-raw-1").isPresent());
        }
    }

    @Test
    void anAxonClientWithAWrongTokenIsRefusedAndSaysWhy() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger connector = (Logger) LoggerFactory.getLogger(AxonServerManagedChannel.class);
        log.start();
        connector.addAppender(log);
        try (ConfigurableApplicationContext app = TestClient.start(hub, "wrong-token-app", "wrong-token-app-1",
                Map.of("axon.axonserver.token", "guess"))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(log.list)
                    .anySatisfy(event -> assertThat(event.getFormattedMessage() + " "
                            + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                            .contains("UNAUTHENTICATED", "AXONIQ-1001", "Invalid access token")));
            AxonServerConnectionManager connections = app.getBean(AxonServerConnectionManager.class);
            assertThat(connections.isConnected("default")).isFalse();
            assertThat(connections.getConnection().isConnectionFailed()).isTrue();
            assertThat(hub.bean(ClientRegistry.class).find("default", "wrong-token-app-1")).isEmpty();
        } finally {
            connector.detachAppender(log);
        }
    }

    @Test
    void anAxonClientWithTheTokenConnects() {
        try (ConfigurableApplicationContext app = TestClient.start(hub, "token-app", "token-app-1",
                Map.of("axon.axonserver.token", TOKEN))) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> hub.bean(ClientRegistry.class).find("default", "token-app-1").isPresent());
            assertThat(app.getBean(AxonServerConnectionManager.class).isConnected("default")).isTrue();
        }
    }

    @Test
    void theHttpApiNeedsTheTokenExceptForHealth() throws Exception {
        assertThat(Http.get(hub.httpUrl() + "/actuator/health").statusCode()).isEqualTo(200);

        String applications = hub.httpUrl() + "/v1/public/applications";
        assertUnauthorized(Http.get(applications), "AXONIQ-1000");
        assertUnauthorized(Http.get(applications, "AxonIQ-Access-Token", "guess"), "AXONIQ-1001");
        assertUnauthorized(Http.get(hub.httpUrl() + "/actuator/info"), "AXONIQ-1000");
        assertUnauthorized(Http.patch(hub.httpUrl() + "/v1/components/any/processors/any/pause"), "AXONIQ-1000");

        assertThat(Http.get(applications, "AxonIQ-Access-Token", TOKEN).statusCode()).isEqualTo(200);
        assertThat(Http.get(hub.httpUrl() + "/actuator/info", "AxonIQ-Access-Token", TOKEN).statusCode())
                .isEqualTo(200);
    }

    private static void assertRefused(RawClient client, String code, String message) throws Exception {
        assertThatThrownBy(() -> client.blocking().getPlatformServer(ClientIdentification.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getTrailers().get(ERROR_CODE)).isEqualTo(code);
                    assertThat(e.getStatus().getDescription()).contains(code, message);
                });
        // The control stream is refused the same way, before any registration.
        client.register("refused-app", "refused-1");
        Throwable error = client.closed().get(5, TimeUnit.SECONDS);
        assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(hub.bean(ClientRegistry.class).find("default", "refused-1")).isEmpty();
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.get("errorCode").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).contains("AxonIQ-Access-Token");
    }
}
