package io.sagashop.console.inspection;

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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryResponseMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the applications through Axon: every query is a scatter-gather over all applications that
 * answer it, merged here; an operator action is a command sent under its saga type's own name
 * ({@link SagaActionCommand#commandName(String)}), routed by saga id (the record's {@code @RoutingKey}, read by Axon's default routing strategy).
 * <p>
 * Queries go to the {@link QueryBus} rather than the gateway: the gateway's stream throws at the
 * first application that failed, where the console should show what the others answered (a
 * failed answer is logged and left out). An application that answers {@code null} has nothing to
 * say and is left out too.
 */
@Component
public class AxonInspectionClient implements InspectionClient {

    private static final Logger log = LoggerFactory.getLogger(AxonInspectionClient.class);

    /** Most recently active first; ties by type and id, so a page does not reshuffle between loads. */
    static final Comparator<SagaSummaryView> MOST_RECENT_FIRST = Comparator
            .comparing(SagaSummaryView::lastActivityAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(SagaSummaryView::sagaType, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(SagaSummaryView::sagaId, Comparator.nullsLast(Comparator.naturalOrder()));

    private final QueryBus queries;
    private final CommandGateway commands;
    private final InspectionProperties properties;

    public AxonInspectionClient(QueryBus queries, CommandGateway commands, InspectionProperties properties) {
        this.queries = queries;
        this.commands = commands;
        this.properties = properties;
    }

    @Override
    public List<SagaTypeView> sagaTypes() {
        return gather(new FindSagaTypesQuery(), ResponseTypes.instanceOf(SagaTypeListView.class))
                .flatMap(list -> list.types().stream())
                .sorted(Comparator.comparing(SagaTypeView::sagaType, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @Override
    public List<SagaSummaryView> sagas(FindSagasQuery query) {
        // Each application answers at most limit: merged, the page still shows at most limit.
        return gather(query, ResponseTypes.instanceOf(SagaListView.class))
                .flatMap(list -> list.sagas().stream())
                .sorted(MOST_RECENT_FIRST)
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<SagaDetailView> saga(String sagaType, String sagaId) {
        // Every application answers; only the one running the type knows the saga (the others, null).
        return gather(new FindSagaQuery(sagaType, sagaId), ResponseTypes.optionalInstanceOf(SagaDetailView.class))
                .flatMap(Optional::stream)
                .filter(detail -> detail.summary() != null && sagaType.equals(detail.summary().sagaType())
                        && sagaId.equals(detail.summary().sagaId()))
                .findFirst();
    }

    @Override
    public List<ConsistencyReportView> consistency(int maxViolations) {
        return gather(new ConsistencyReportQuery(maxViolations), ResponseTypes.instanceOf(ConsistencyReportView.class))
                .sorted(Comparator.comparing(ConsistencyReportView::application,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @Override
    public void act(SagaActionCommand command) {
        String name = SagaActionCommand.commandName(command.sagaType());
        try {
            commands.send(new GenericCommandMessage<>(new GenericMessage<>(command), name))
                    .get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new InspectionClientException(504, "Timed out", "No answer to " + command.action() + " of saga "
                    + command.sagaId() + " within " + properties.commandTimeout() + " (console.inspection.command-timeout); "
                    + "it may still be carried out: look at the saga's timeline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InspectionClientException(503, "Interrupted", "The console is shutting down");
        } catch (ExecutionException e) {
            throw failure(command, name, e.getCause());
        } catch (RuntimeException e) {
            // Sending itself failed (not connected, the bus shutting down).
            throw failure(command, name, e);
        }
    }

    /** What an operator is told when an action failed, by what failed. */
    static InspectionClientException failure(SagaActionCommand command, String name, Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoHandlerForCommandException) {
            return new InspectionClientException(503, "No application handles the action", "No connected application "
                    + "handles " + name + ": the application running saga type " + command.sagaType()
                    + " is not connected, or does not inspect that type");
        }
        if (cause instanceof CommandExecutionException refused) {
            // The application's handler refused (unknown saga, already over, action not accepted): its
            // words, and its status when its details name one (the saga-inspection library's do).
            int status = refused.getDetails().map(AxonInspectionClient::refusalStatus).orElse(409);
            return new InspectionClientException(status, switch (status) {
                case 400 -> "Action not accepted";
                case 404 -> "Not found";
                default -> "Refused by the application";
            }, refused.getMessage());
        }
        if (cause instanceof AxonServerException server) {
            return refusedByServer(name, server.code() + ": " + server.getMessage());
        }
        if (cause instanceof io.axoniq.axonserver.connector.AxonServerException server) {
            // The server refused the dispatch itself (e.g. the console's token may not send the name).
            return refusedByServer(name, server.getMessage() + (server.getDetails().isEmpty() ? "" : " " + server.getDetails()));
        }
        log.warn("Sending {} for saga {} failed", name, command.sagaId(), cause);
        return new InspectionClientException(502, "Action failed", "Sending " + name + " failed: " + cause);
    }

    private static InspectionClientException refusedByServer(String name, String why) {
        return new InspectionClientException(502, "Refused by Axon Server", why + " (does the console's token, "
                + "axon.axonserver.token, have the right to send " + name + "?)");
    }

    /**
     * The status a refusal's details name ({@code {"status": 409, ...}}): 400, 404 or 409; any other
     * value, or none, is a 409 (the application refused, for a reason its message gives).
     */
    static int refusalStatus(Object details) {
        if (details instanceof Map<?, ?> map && map.get("status") instanceof Number number) {
            int status = number.intValue();
            if (status == 400 || status == 404 || status == 409) {
                return status;
            }
        }
        return 409;
    }

    /** The non-null answers of every application that answered within the query timeout. */
    private <R> Stream<R> gather(Object query, ResponseType<R> responseType) {
        long timeout = properties.queryTimeout().toMillis();
        List<QueryResponseMessage<R>> answers;
        try (Stream<QueryResponseMessage<R>> stream = queries.scatterGather(
                new GenericQueryMessage<>(query, responseType), timeout, TimeUnit.MILLISECONDS)) {
            answers = stream.toList();
        } catch (RuntimeException e) {
            log.warn("Could not ask {}", query.getClass().getSimpleName(), e);
            throw new InspectionClientException(503, "Axon Server unavailable", "Could not ask the applications ("
                    + query.getClass().getSimpleName() + "): " + e.getMessage());
        }
        return answers.stream()
                .filter(answer -> {
                    if (answer.isExceptional()) {
                        log.warn("An application failed to answer {}: {}", query.getClass().getSimpleName(),
                                answer.exceptionResult().getMessage());
                        return false;
                    }
                    return true;
                })
                .map(QueryResponseMessage::getPayload)
                .filter(Objects::nonNull);
    }
}
