package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.command.CommandRouter;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.grpc.ErrorCode;
import io.sagashop.hub.query.QueryRouter;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Asks the order service through the hub's own routers, as an internal client would over gRPC.
 * <p>
 * Services serialize every message with Axon's JacksonSerializer, so a message is its payload
 * class's fully qualified name plus JSON bytes, and a query's expected answer is Axon's
 * {@code ResponseType} object serialized the same way:
 * {@code {"expectedResponseType":"<class name>"}} typed
 * {@code org.axonframework.messaging.responsetypes.InstanceResponseType} (or
 * {@code OptionalResponseType} for an answer that may be null). The hub thus needs names only,
 * never the order service's classes; answers come back as JSON trees for the pages.
 */
@Component
class OrderServiceGateway {

    static final String API = "io.sagashop.order.api.";
    private static final String INSTANCE = "org.axonframework.messaging.responsetypes.InstanceResponseType";
    private static final String OPTIONAL = "org.axonframework.messaging.responsetypes.OptionalResponseType";
    private static final String CLIENT = "sagashop-hub-dashboard";

    private final QueryRouter queries;
    private final CommandRouter commands;
    private final ObjectMapper json;
    private final DashboardProperties properties;

    OrderServiceGateway(QueryRouter queries, CommandRouter commands, ObjectMapper json, DashboardProperties properties) {
        this.queries = queries;
        this.commands = commands;
        this.json = json;
        this.properties = properties;
    }

    /** Sends the query {@code io.sagashop.order.api.<query>}; the answer as JSON, NullNode when the service answered null. */
    JsonNode query(String query, Map<String, ?> payload, String responseType, boolean optional) {
        QueryRequest request = QueryRequest.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setQuery(API + query)
                .setPayload(serialized(API + query, payload))
                .setResponseType(serialized(optional ? OPTIONAL : INSTANCE,
                        Map.of("expectedResponseType", API + responseType)))
                .setClientId(CLIENT)
                .setComponentName(CLIENT)
                .addProcessingInstructions(number(ProcessingKey.TIMEOUT, properties.orderTimeout().toMillis()))
                .addProcessingInstructions(number(ProcessingKey.NR_OF_RESULTS, 1))
                .build();
        CompletableFuture<QueryResponse> answer = new CompletableFuture<>();
        queries.query(HubProperties.DEFAULT_CONTEXT, request, new StreamObserver<>() {
            @Override
            public void onNext(QueryResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                answer.complete(null);
            }
        });
        QueryResponse response = await(answer, query);
        if (response == null) {
            return NullNode.getInstance();
        }
        if (!response.getErrorCode().isEmpty()) {
            if (ErrorCode.NO_HANDLER_FOR_QUERY.code().equals(response.getErrorCode())) {
                throw notConnected(query);
            }
            throw new OrderServiceException(HttpStatus.BAD_GATEWAY, "Order service failed",
                    query + " failed in the order service: " + response.getErrorMessage().getMessage());
        }
        return parse(response.getPayload());
    }

    /** Sends the command {@code io.sagashop.order.api.<command>} routed by the order id; returns when it was handled. */
    void send(String command, String orderId, Map<String, ?> payload, String operator) {
        Command message = Command.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setName(API + command)
                .setPayload(serialized(API + command, payload))
                // The dashboard starts the chain: the action's events carry this correlation id.
                .putMetaData("correlationId", text(UUID.randomUUID().toString()))
                .putMetaData("operator", text(operator))
                .setClientId(CLIENT)
                .setComponentName(CLIENT)
                .addProcessingInstructions(ProcessingInstruction.newBuilder().setKey(ProcessingKey.ROUTING_KEY)
                        .setValue(text(orderId)))
                .addProcessingInstructions(number(ProcessingKey.TIMEOUT, properties.orderTimeout().toMillis()))
                .build();
        CompletableFuture<CommandResponse> answer = new CompletableFuture<>();
        commands.dispatch(HubProperties.DEFAULT_CONTEXT, message, new StreamObserver<>() {
            @Override
            public void onNext(CommandResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                // the response came first
            }
        });
        CommandResponse response = await(answer, command);
        if (!response.getErrorCode().isEmpty()) {
            if (ErrorCode.NO_HANDLER_FOR_COMMAND.code().equals(response.getErrorCode())) {
                throw notConnected(command);
            }
            throw new OrderServiceException(HttpStatus.CONFLICT, "Refused by the order service",
                    response.getErrorMessage().getMessage());
        }
    }

    private <T> T await(CompletableFuture<T> answer, String what) {
        try {
            // A little longer than the TIMEOUT the routers enforce, so theirs normally answers first.
            return answer.get(properties.orderTimeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(what);
        } catch (ExecutionException e) {
            String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            if (message != null && message.contains("timed out")) {
                throw timedOut(what);
            }
            throw new OrderServiceException(HttpStatus.BAD_GATEWAY, "Order service failed", what + ": " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timedOut(what);
        }
    }

    private OrderServiceException timedOut(String what) {
        return new OrderServiceException(HttpStatus.GATEWAY_TIMEOUT, "Order service did not answer",
                "The order service did not answer " + what + " within " + properties.orderTimeout().toMillis() + " ms");
    }

    private static OrderServiceException notConnected(String what) {
        return new OrderServiceException(HttpStatus.SERVICE_UNAVAILABLE, "Order service not connected",
                "The order service is not connected: no handler for " + what);
    }

    private JsonNode parse(SerializedObject payload) {
        if (payload.getData().isEmpty() || "empty".equals(payload.getType())) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(payload.getData().toByteArray());
        } catch (IOException e) {
            throw new OrderServiceException(HttpStatus.BAD_GATEWAY, "Unreadable answer",
                    "The order service answered " + payload.getType() + " in a form the hub cannot read as JSON");
        }
    }

    private SerializedObject serialized(String type, Map<String, ?> value) {
        try {
            return SerializedObject.newBuilder().setType(type)
                    .setData(ByteString.copyFrom(json.writeValueAsBytes(value))).build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + type + " as JSON", e);
        }
    }

    private static MetaDataValue text(String value) {
        return MetaDataValue.newBuilder().setTextValue(value).build();
    }

    private static ProcessingInstruction number(ProcessingKey key, long value) {
        return ProcessingInstruction.newBuilder().setKey(key)
                .setValue(MetaDataValue.newBuilder().setNumberValue(value)).build();
    }
}
