package io.sagashop.e2e.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compensation that overtakes its reservation (a retry, a reordering, a redelivery after a
 * crash): the saga's {@code ReleaseStock} reaches the catalog before its {@code ReserveStock}.
 * Both are delivered through the hub as the order service would send them (with the hub's admin
 * credential, over the Axon Server gRPC API). The release records that the order's reservation of
 * the product is over; the late reservation is refused ({@code ORDER_RELEASED}), so no unit is
 * held for an order that is gone, and the audit stays clean.
 */
class ReleaseBeforeReserveIT {

    static final String APPROVED = "4242424242424242";
    static final Duration SETTLED = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Shop shop;
    static ShopClient client;
    static ManagedChannel hub;

    @BeforeAll
    static void startShop() {
        shop = Shop.get();
        client = shop.client();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER), shop.hubAdminToken());
        hub = ManagedChannelBuilder.forAddress("localhost", 8124 + Shop.PORT_OFFSET).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    }

    @AfterAll
    static void closeChannel() throws InterruptedException {
        hub.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void auditIsClean() {
        Audit.assertClean(client);
    }

    @Test
    void aReserveStockAfterItsReleaseStockIsRefusedAndHoldsNothing() throws IOException {
        String lamp = client.addProduct("Overtaken lamp", "living", "30.00", 5);
        String orderId = UUID.randomUUID().toString();

        JsonNode released = send("io.sagashop.catalog.api.ReleaseStock", lamp, Map.of("orderId", orderId));
        assertThat(released.get("status").asText()).isEqualTo("RELEASED");
        assertThat(released.get("quantity").asInt()).isZero();

        JsonNode reserved = send("io.sagashop.catalog.api.ReserveStock", lamp, Map.of("orderId", orderId, "quantity", 2));
        assertThat(reserved.get("status").asText()).as("the late reservation: %s", reserved).isEqualTo("REJECTED");
        assertThat(reserved.get("rejectionReason").asText()).isEqualTo("ORDER_RELEASED");

        // Delivered again (a redelivery): answered as before, still nothing held.
        JsonNode again = send("io.sagashop.catalog.api.ReserveStock", lamp, Map.of("orderId", orderId, "quantity", 2));
        assertThat(again.get("status").asText()).isEqualTo("REJECTED");
        assertThat(again.get("rejectionReason").asText()).isEqualTo("ORDER_RELEASED");
        assertThat(client.product(lamp).get("availableStock").asInt()).isEqualTo(5);

        // The product still sells to a live order.
        Customer customer = client.newCustomer("Late Reservation");
        String placed = client.placeOrder(customer, Map.of(lamp, 1), APPROVED).text("orderId");
        assertThat(client.awaitFinal(customer.token(), placed, SETTLED).get("status").asText()).isEqualTo("CONFIRMED");
        client.awaitAvailable(lamp, 4, SETTLED);
    }

    /** Dispatches a catalog command through the hub and returns its result ({@code StockReservationResult}). */
    private static JsonNode send(String type, String productId, Map<String, Object> fields) throws IOException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("productId", Map.of("value", productId));
        payload.putAll(fields);
        Command command = Command.newBuilder()
                .setName(type)
                .setMessageIdentifier(UUID.randomUUID().toString())
                // Routed by the product, as Axon's connector routes a command by its target aggregate.
                .addProcessingInstructions(ProcessingInstruction.newBuilder().setKey(ProcessingKey.ROUTING_KEY)
                        .setValue(MetaDataValue.newBuilder().setTextValue(productId)))
                .setClientId("e2e-release-before-reserve")
                .setComponentName("e2e")
                .setPayload(SerializedObject.newBuilder().setType(type)
                        .setData(ByteString.copyFromUtf8(JSON.writeValueAsString(payload))))
                .build();
        CommandResponse response = CommandServiceGrpc.newBlockingStub(hub).withDeadlineAfter(30, TimeUnit.SECONDS)
                .dispatch(command);
        assertThat(response.getErrorCode()).as("%s: %s", type, response.getErrorMessage().getMessage()).isEmpty();
        return JSON.readTree(response.getPayload().getData().toStringUtf8());
    }
}
