package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagaQuery;
import io.sagashop.inspection.api.FindSagaTypesQuery;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTypeListView;
import io.sagashop.inspection.api.SagaTypeView;
import io.sagashop.inspection.web.InspectionClient;
import io.sagashop.inspection.web.InspectionClientException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks every application that answers the saga inspection protocol, through the hub's own
 * routers, as an internal client would over gRPC.
 * <p>
 * Queries are scatter-gather: one per application (the query router picks one instance of each),
 * every answer collected until each has answered or {@code hub.dashboard.inspection-timeout}
 * passed (then the answers so far count), null and failed answers skipped, the rest merged.
 * An action goes to the one handler of {@link SagaActionCommand#commandName(String)}, routed by
 * the saga id. The hub knows no application: the saga types come from the answers.
 * <p>
 * Services serialize every message with Axon's JacksonSerializer, so a message is its payload
 * class name plus JSON, and a query's expected answer is Axon's {@code ResponseType} serialized
 * the same way: {@code {"expectedResponseType":"<class name>"}} typed
 * {@code org.axonframework.messaging.responsetypes.InstanceResponseType} (or
 * {@code OptionalResponseType} for an answer that may be null).
 */
@Component
class HubInspectionClient implements InspectionClient {

    private static final Logger log = LoggerFactory.getLogger(HubInspectionClient.class);
    private static final String INSTANCE = "org.axonframework.messaging.responsetypes.InstanceResponseType";
    private static final String OPTIONAL = "org.axonframework.messaging.responsetypes.OptionalResponseType";
    private static final String CLIENT = "sagashop-hub-dashboard";
    /** Every application answers once; no cut-off short of the timeout. */
    private static final long EVERY_APPLICATION = Integer.MAX_VALUE;

    private final QueryRouter queries;
    private final CommandRouter commands;
    private final ObjectMapper json;
    private final DashboardProperties properties;

    HubInspectionClient(QueryRouter queries, CommandRouter commands, ObjectMapper json, DashboardProperties properties) {
        this.queries = queries;
        this.commands = commands;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public List<SagaTypeView> sagaTypes() {
        return gather(new FindSagaTypesQuery(), SagaTypeListView.class, false).stream()
                .flatMap(answer -> answer.types().stream())
                .sorted(Comparator.comparing(SagaTypeView::sagaType).thenComparing(SagaTypeView::application,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @Override
    public List<SagaSummaryView> sagas(FindSagasQuery query) {
        return gather(query, SagaListView.class, false).stream()
                .flatMap(answer -> answer.sagas().stream())
                .sorted(Comparator.comparing(SagaSummaryView::lastActivityAt,
                        Comparator.nullsLast(Comparator.<Instant>reverseOrder())))
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<SagaDetailView> saga(String sagaType, String sagaId) {
        return gather(new FindSagaQuery(sagaType, sagaId), SagaDetailView.class, true).stream().findFirst();
    }

    @Override
    public List<ConsistencyReportView> consistency(int maxViolations) {
        return gather(new ConsistencyReportQuery(maxViolations), ConsistencyReportView.class, true);
    }

    @Override
    public void act(SagaActionCommand action) {
        String name = SagaActionCommand.commandName(action.sagaType());
        Command command = Command.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setName(name)
                .setPayload(serialized(SagaActionCommand.class.getName(), action))
                // The dashboard starts the chain: the action's events carry this correlation id.
                .putMetaData("correlationId", text(UUID.randomUUID().toString()))
                .putMetaData("operator", text(action.operator()))
                .setClientId(CLIENT)
                .setComponentName(CLIENT)
                .addProcessingInstructions(ProcessingInstruction.newBuilder().setKey(ProcessingKey.ROUTING_KEY)
                        .setValue(text(action.sagaId())))
                .addProcessingInstructions(number(ProcessingKey.TIMEOUT, timeoutMillis()))
                .build();
        CompletableFuture<CommandResponse> answer = new CompletableFuture<>();
        commands.dispatch(HubProperties.DEFAULT_CONTEXT, command, new StreamObserver<>() {
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
        CommandResponse response = await(answer, name);
        if (response.getErrorCode().isEmpty()) {
            return;
        }
        if (ErrorCode.NO_HANDLER_FOR_COMMAND.code().equals(response.getErrorCode())) {
            throw new InspectionClientException(409, "No application takes the action",
                    "No connected application takes operator actions for saga type " + action.sagaType()
                            + " (no handler for " + name + ")");
        }
        throw new InspectionClientException(409, "Refused by the application", response.getErrorMessage().getMessage());
    }

    /**
     * Sends {@code query} to every application that handles it; the answers that are not null,
     * in the order they came. Failed answers are logged and skipped while another answered.
     */
    private <T> List<T> gather(Object query, Class<T> answerType, boolean mayBeNull) {
        String name = query.getClass().getName();
        QueryRequest request = QueryRequest.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setQuery(name)
                .setPayload(serialized(name, query))
                .setResponseType(serialized(mayBeNull ? OPTIONAL : INSTANCE,
                        Map.of("expectedResponseType", answerType.getName())))
                .setClientId(CLIENT)
                .setComponentName(CLIENT)
                .addProcessingInstructions(number(ProcessingKey.TIMEOUT, timeoutMillis()))
                .addProcessingInstructions(number(ProcessingKey.NR_OF_RESULTS, EVERY_APPLICATION))
                .build();
        List<QueryResponse> responses = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        queries.query(HubProperties.DEFAULT_CONTEXT, request, new StreamObserver<>() {
            @Override
            public void onNext(QueryResponse response) {
                responses.add(response);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        await(done, simpleName(name));
        List<T> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        synchronized (responses) {
            for (QueryResponse response : responses) {
                if (response.getErrorCode().isEmpty()) {
                    answers.add(parse(response.getPayload(), answerType));
                } else if (ErrorCode.NO_HANDLER_FOR_QUERY.code().equals(response.getErrorCode())) {
                    throw new InspectionClientException(503, "No application answers",
                            "No connected application answers saga inspection (no handler for " + simpleName(name) + ")");
                } else {
                    failures.add(response.getErrorMessage().getMessage());
                }
            }
        }
        answers.removeIf(Objects::isNull);
        if (!failures.isEmpty()) {
            if (answers.isEmpty() && responses.size() == failures.size()) {
                throw new InspectionClientException(502, "An application failed",
                        simpleName(name) + " failed: " + String.join("; ", failures));
            }
            log.warn("{}: {} of {} applications failed, answering with the others: {}", simpleName(name),
                    failures.size(), responses.size(), failures);
        }
        return answers;
    }

    private <T> T await(CompletableFuture<T> answer, String what) {
        try {
            // A little longer than the TIMEOUT the routers enforce, so theirs normally answers first.
            return answer.get(timeoutMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(what);
        } catch (ExecutionException e) {
            String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            if (message != null && message.contains("timed out")) {
                throw timedOut(what);
            }
            throw new InspectionClientException(502, "An application failed", what + ": " + message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timedOut(what);
        }
    }

    private InspectionClientException timedOut(String what) {
        return new InspectionClientException(504, "No answer in time",
                "No application answered " + what + " within " + timeoutMillis() + " ms");
    }

    private long timeoutMillis() {
        return properties.inspectionTimeout().toMillis();
    }

    /** The answer, or null when the application answered null (an empty payload). */
    private <T> T parse(SerializedObject payload, Class<T> type) {
        if (payload.getData().isEmpty() || "empty".equals(payload.getType())) {
            return null;
        }
        try {
            return json.readValue(payload.getData().toByteArray(), type);
        } catch (IOException e) {
            throw new InspectionClientException(502, "Unreadable answer", "An application answered "
                    + payload.getType() + " in a form the hub cannot read as " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private SerializedObject serialized(String type, Object value) {
        try {
            return SerializedObject.newBuilder().setType(type)
                    .setData(ByteString.copyFrom(json.writeValueAsBytes(value))).build();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + type + " as JSON", e);
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static MetaDataValue text(String value) {
        return MetaDataValue.newBuilder().setTextValue(value).build();
    }

    private static ProcessingInstruction number(ProcessingKey key, long value) {
        return ProcessingInstruction.newBuilder().setKey(key)
                .setValue(MetaDataValue.newBuilder().setNumberValue(value)).build();
    }
}
