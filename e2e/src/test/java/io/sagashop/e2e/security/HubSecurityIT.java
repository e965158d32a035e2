package io.sagashop.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub findings of issue 14, replayed against the real processes of a locked shop: anonymous
 * gRPC reads, queries and commands, anonymous and cross-site dashboard actions, a service
 * dispatching another's command, anonymous metrics, ports beyond loopback. Each is refused with
 * the documented code, and afterwards the order, its saga and the audit are as they were.
 */
class HubSecurityIT {

    private static final String APPROVED = "4242424242424242";
    private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Shop shop;
    static ShopClient client;
    static Customer customer;
    static String orderId;
    static String hub;
    static final List<ManagedChannel> CHANNELS = new ArrayList<>();

    @BeforeAll
    static void aConfirmedOrder() {
        shop = Shop.get();
        client = shop.client();
        hub = shop.url("hub");
        customer = client.newCustomer("Security Witness");
        String kettle = client.addProduct("Security kettle", "kitchen", "39.00", 5);
        orderId = client.placeOrder(customer, Map.of(kettle, 1), APPROVED).text("orderId");
        client.awaitStatus(customer.token(), orderId, "CONFIRMED", Duration.ofSeconds(60));
        Audit.assertClean(client);
    }

    @AfterAll
    static void nothingChanged() {
        CHANNELS.forEach(ManagedChannel::shutdownNow);
        assertThat(client.order(customer.token(), orderId).get("status").asText()).isEqualTo("CONFIRMED");
        JsonNode saga = client.get("hub", sagaPath(), client.adminToken()).body();
        assertThat(saga.path("summary").path("state").asText()).isEqualTo("COMPLETED");
        List<String> kinds = new ArrayList<>();
        saga.get("timeline").forEach(entry -> kinds.add(entry.get("kind").asText()));
        assertThat(kinds).doesNotContain("OPERATOR_ACTION");
        Audit.assertClean(client);
    }

    /**
     * The dashboard path of the order's saga ({@code /v1/dashboard/sagas/<type>/<sagaId>}), found by its
     * business key, the order id, through the domain-free inspection API.
     */
    static String sagaPath() {
        JsonNode sagas = client.get("hub", "/v1/dashboard/sagas?key=" + orderId, client.adminToken()).body();
        assertThat(sagas.path("sagas")).as("sagas of order %s", orderId).isNotEmpty();
        JsonNode summary = sagas.get("sagas").get(0);
        return "/v1/dashboard/sagas/" + summary.get("sagaType").asText() + "/" + summary.get("sagaId").asText();
    }

    @Test
    void anonymousGrpcCannotReadEventsAskQueriesOrDispatchCommands() {
        ManagedChannel anonymous = channel(null);
        assertRefused(() -> EventStoreGrpc.newBlockingStub(anonymous).listAggregateEvents(
                GetAggregateEventsRequest.newBuilder().setAggregateId(orderId).build()).hasNext(),
                Status.Code.UNAUTHENTICATED, "AXONIQ-1000");
        assertRefused(() -> QueryServiceGrpc.newBlockingStub(anonymous).query(QueryRequest.newBuilder()
                        .setMessageIdentifier("q-1").setQuery("io.sagashop.user.api.FindUserQuery").build()).hasNext(),
                Status.Code.UNAUTHENTICATED, "AXONIQ-1000");
        for (String command : List.of("io.sagashop.payment.api.RefundPayment", "io.sagashop.payment.api.CapturePayment",
                "io.sagashop.order.api.ConfirmOrder")) {
            assertRefused(() -> CommandServiceGrpc.newBlockingStub(anonymous).dispatch(command(command)),
                    Status.Code.UNAUTHENTICATED, "AXONIQ-1000");
        }
        assertRefused(() -> CommandServiceGrpc.newBlockingStub(channel("not-a-token-of-this-shop")).dispatch(
                command("io.sagashop.payment.api.RefundPayment")), Status.Code.UNAUTHENTICATED, "AXONIQ-1001");
    }

    @Test
    void aServiceCannotDispatchAnotherServicesCommandNorAScraperReadEvents() {
        StatusRuntimeException refused = assertRefused(() -> CommandServiceGrpc.newBlockingStub(
                        channel(shop.hubToken("notification"))).dispatch(command("io.sagashop.payment.api.RefundPayment")),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001");
        assertThat(refused.getStatus().getDescription())
                .contains("application 'notification' may not dispatch command io.sagashop.payment.api.RefundPayment");
        assertRefused(() -> EventStoreGrpc.newBlockingStub(channel(shop.hubToken("monitoring"))).listAggregateEvents(
                GetAggregateEventsRequest.newBuilder().setAggregateId(orderId).build()).hasNext(),
                Status.Code.PERMISSION_DENIED, "AXONIQ-1001");
    }

    @Test
    void anonymousAndCrossSiteDashboardActionsAreRefused() throws Exception {
        String saga = hub + sagaPath();
        HttpResponse<String> compensate = http("POST", saga + "/compensate", "{\"reason\":\"attacker\"}");
        assertProblem(compensate, 401, "AXONIQ-1000");
        assertProblem(http("POST", saga + "/end", "{\"reason\":\"attacker\",\"operator\":\"mallory\"}"), 401, "AXONIQ-1000");
        assertProblem(http("PATCH", hub + "/v1/components/order-saga/processors/OrderSaga/pause", null), 401, "AXONIQ-1000");
        assertProblem(http("DELETE", hub + "/v1/devmode/purge-events", null), 401, "AXONIQ-1000");
        // A hostile page's no-body POST, and one carrying the operator's own credential.
        HttpResponse<String> crossSite = http("POST", saga + "/compensate", null, "Origin", "http://evil.example",
                "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("Cross-site request refused");
        assertThat(http("POST", saga + "/end", "{\"reason\":\"x\"}", "Origin", "http://evil.example",
                "Authorization", "Bearer " + client.adminToken()).statusCode()).isEqualTo(403);
        // A customer's sign-in is not an operator's.
        assertThat(http("POST", saga + "/compensate", "{\"reason\":\"x\"}", "Authorization", "Bearer " + customer.token())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void metricsNeedACredentialAndEveryPageCarriesSecurityHeaders() throws Exception {
        assertProblem(http("GET", hub + "/actuator/metrics", null), 401, "AXONIQ-1000");
        assertThat(http("GET", hub + "/actuator/metrics", null, "AxonIQ-Access-Token", shop.hubToken("monitoring"))
                .statusCode()).isEqualTo(200);
        assertThat(http("GET", hub + "/actuator/health", null).statusCode()).isEqualTo(200);
        for (String path : List.of("/", "/dashboard/app.js", "/v1/dashboard/overview")) {
            var headers = http("GET", hub + path, null).headers();
            assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'"));
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        }
    }

    @Test
    void theHubListensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no address beyond loopback");
        int http = URI.create(hub).getPort();
        int grpc = 8124 + Shop.PORT_OFFSET;
        assertThat(reachable(new InetSocketAddress("127.0.0.1", grpc))).isTrue();
        assertThat(reachable(new InetSocketAddress(external.get(), grpc))).isFalse();
        assertThat(reachable(new InetSocketAddress(external.get(), http))).isFalse();
    }

    private static ManagedChannel channel(String token) {
        ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forAddress("localhost", 8124 + Shop.PORT_OFFSET)
                .usePlaintext();
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER), token);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        ManagedChannel channel = builder.build();
        CHANNELS.add(channel);
        return channel;
    }

    private static StatusRuntimeException assertRefused(Supplier<?> call, Status.Code status, String code) {
        StatusRuntimeException[] refused = new StatusRuntimeException[1];
        assertThatThrownBy(() -> call.get()).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            assertThat(e.getTrailers().get(ERROR_CODE)).isEqualTo(code);
            refused[0] = e;
        });
        return refused[0];
    }

    private static Command command(String name) {
        return Command.newBuilder().setName(name).setMessageIdentifier("attack-" + System.nanoTime())
                .setPayload(SerializedObject.newBuilder().setType(name).setData(com.google.protobuf.ByteString
                        .copyFromUtf8("{\"orderId\":{\"value\":\"" + orderId + "\"}}"))).build();
    }

    private static HttpResponse<String> http(String method, String url, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("errorCode").asText()).isEqualTo(code);
    }

    private static boolean reachable(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
