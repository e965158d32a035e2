package io.sagashop.console.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sagashop.console.support.ConsoleTest;
import io.sagashop.console.support.ToyWorld;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTypeView;
import io.sagashop.inspection.web.InspectionClient;
import io.sagashop.inspection.web.InspectionClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's {@link InspectionClient} against the in-process hub, through the Axon Server
 * connector with the {@code console} application's token, asking the toy applications of
 * {@link ToyWorld} (plain Axon handlers of the protocol).
 */
class AxonInspectionClientTest extends ConsoleTest {

    @Autowired
    InspectionClient client;
    @Autowired
    CommandGateway commands;

    @BeforeEach
    void everyApplicationAnswers() {
        // The toys subscribe their handlers asynchronously: wait until the hub routes to all of them.
        await().atMost(Duration.ofSeconds(30)).until(() -> client.sagaTypes().size() == 2);
    }

    @Test
    void theSagaTypesOfEveryApplicationAreMergedByName() {
        List<SagaTypeView> types = client.sagaTypes();

        assertThat(types).extracting(SagaTypeView::sagaType).containsExactly("ToyRefund", "ToyTrip");
        assertThat(types).extracting(SagaTypeView::application).containsExactly("toy-refunds", "toy-trips");
        assertThat(types.get(1).active()).isEqualTo(2);
        assertThat(types.get(1).actions()).containsExactly(SagaAction.RETRY, SagaAction.END);
    }

    @Test
    void sagasOfEveryApplicationAreMergedMostRecentlyActiveFirstAndCutAtTheLimit() {
        List<SagaSummaryView> all = client.sagas(new FindSagasQuery(null, null, null, null, 100));
        assertThat(all).extracting(SagaSummaryView::sagaId)
                .containsExactly("refund-2", "trip-1", "refund-1", "trip-2", "trip-3");

        // Each application answers at most 3; merged, still at most 3, and the newest ones.
        assertThat(client.sagas(new FindSagasQuery(null, null, null, null, 3))).extracting(SagaSummaryView::sagaId)
                .containsExactly("refund-2", "trip-1", "refund-1");
        assertThat(client.sagas(new FindSagasQuery(null, null, "booking-1", null, 100)))
                .extracting(SagaSummaryView::sagaId).containsExactly("trip-1", "refund-1");
        assertThat(client.sagas(new FindSagasQuery("ToyTrip", SagaState.COMPLETED, null, null, 100)))
                .extracting(SagaSummaryView::sagaId).containsExactly("trip-3");
    }

    @Test
    void oneSagaComesFromTheApplicationThatRunsItAndAnUnknownOneIsEmpty() {
        SagaDetailView refund = client.saga("ToyRefund", "refund-1").orElseThrow();
        assertThat(refund.summary().application()).isEqualTo("toy-refunds");
        assertThat(refund.timeline()).extracting(entry -> entry.messageName()).containsExactly("TripBooked", "ReserveSeat");

        // Every application answers null: nobody knows it.
        assertThat(client.saga("ToyRefund", "trip-1")).isEmpty();
        assertThat(client.saga("NoSuchType", "refund-1")).isEmpty();
    }

    @Test
    void consistencyListsTheReportsOfApplicationsThatCheckAndSkipsTheOthers() {
        List<ConsistencyReportView> reports = client.consistency(100);

        assertThat(reports).extracting(ConsistencyReportView::application).containsExactly("toy-refunds");
        assertThat(reports.get(0).clean()).isFalse();
        assertThat(reports.get(0).violations()).extracting(v -> v.rule()).containsExactly("every-seat-paid");
    }

    @Test
    void anActionReachesTheHandlerOfItsSagaTypeUnderTheTypesCommandName() {
        act(new SagaActionCommand("ToyTrip", "trip-2", SagaAction.RETRY, "ops@console.test", null));

        assertThat(WORLD.trips.handled).contains("toy-trips-1 RETRY trip-2 by ops@console.test");
        assertThat(SagaActionCommand.commandName("ToyTrip")).isEqualTo("io.sagashop.inspection.api.SagaActionCommand@ToyTrip");
    }

    @Test
    void everyActionOnOneSagaReachesTheSameInstance() {
        // Two instances handle ToyRouted. Routed by saga id, each saga's actions stay on one of
        // them; with the connector's default (a random key per command) 5 actions would land on
        // one instance by chance once in 16. First both instances must be subscribed, or the hub
        // would move sagas to the second one when it arrives.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            act(new SagaActionCommand("ToyRouted", "routed-" + (int) (Math.random() * 8), SagaAction.RETRY, "ops", null));
            return WORLD.routed.handled.stream().map(line -> line.split(" ")[0]).distinct().count() == 2;
        });
        WORLD.routed.handled.clear();
        for (int round = 0; round < 5; round++) {
            for (int saga = 0; saga < 8; saga++) {
                act(new SagaActionCommand("ToyRouted", "routed-" + saga, SagaAction.RETRY, "ops", null));
            }
        }
        Map<String, Set<String>> instancesBySaga = WORLD.routed.handled.stream()
                .map(line -> line.split(" "))
                .collect(Collectors.groupingBy(words -> words[2], Collectors.mapping(words -> words[0], Collectors.toSet())));
        assertThat(instancesBySaga).hasSize(8).allSatisfy((saga, instances) -> assertThat(instances).hasSize(1));
        // ... and the sagas are spread over both (consistent hashing of 8 ids over 2 instances).
        assertThat(instancesBySaga.values().stream().flatMap(Set::stream).distinct()).hasSize(2);
    }

    @Test
    void theApplicationsRefusalIsAConflictInItsOwnWords() {
        InspectionClientException over = refusal(new SagaActionCommand("ToyTrip", "trip-3", SagaAction.END, "ops", "stuck"));
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.getMessage()).contains("saga trip-3 is over (COMPLETED)");

        InspectionClientException unknown = refusal(new SagaActionCommand("ToyTrip", "trip-9", SagaAction.RETRY, "ops", null));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.getMessage()).contains("no saga trip-9 of type ToyTrip");
    }

    @Test
    void anActionNobodyHandlesIsUnavailable() {
        assertThatThrownBy(() -> client.act(new SagaActionCommand("NobodysSaga", "x-1", SagaAction.RETRY, "ops", null)))
                .isInstanceOfSatisfying(InspectionClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains(SagaActionCommand.commandName("NobodysSaga"), "NobodysSaga");
                });
    }

    @Test
    void anActionSlowerThanTheCommandTimeoutIsAGatewayTimeout() {
        InspectionClientException timedOut = refusal(new SagaActionCommand("ToySlow", "slow-1", SagaAction.RETRY, "ops", null));

        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.getMessage()).contains("console.inspection.command-timeout");
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.act(new SagaActionCommand("ToySlow", "slow-1", SagaAction.RETRY, "ops", null)))
                .isInstanceOfSatisfying(InspectionClientException.class, e -> assertThat(e.status()).isEqualTo(504));
        // Answered at the console's timeout (2 s), not when the application finishes (4 s).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ToyWorld.SLOW_ACTION);
    }

    @Test
    void theConsolesTokenSendsNoOtherCommand() {
        // The hub's permissions for the application `console` (hub-access.yml): inspection actions only.
        assertThatThrownBy(() -> commands.send(new GenericCommandMessage<>(new GenericMessage<>("refund"),
                        "io.sagashop.payment.api.RefundPayment")).get(10, TimeUnit.SECONDS))
                .hasStackTraceContaining("may not dispatch command io.sagashop.payment.api.RefundPayment");
    }

    /** How an action is refused, once the hub routes its command (the toys subscribe asynchronously). */
    private InspectionClientException refusal(SagaActionCommand command) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                client.act(command);
                return null;
            } catch (InspectionClientException e) {
                return e;
            }
        }, e -> e != null && e.status() != 503);
    }

    /** An action, once the hub routes its command (the toys subscribe asynchronously). */
    private void act(SagaActionCommand command) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(e -> e instanceof InspectionClientException i
                && i.status() == 503).until(() -> {
                    client.act(command);
                    return true;
                });
    }
}
