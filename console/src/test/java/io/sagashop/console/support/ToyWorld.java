package io.sagashop.console.support;

import io.sagashop.inspection.api.SagaState;
import java.time.Duration;
import java.time.Instant;

/**
 * The applications the console asks in its tests, started once per JVM and connected to
 * {@link ConsoleTestHub}:
 * <ul>
 * <li>{@code toy-ToyTrip}: three trips (two active, one completed), no consistency checks;</li>
 * <li>{@code toy-ToyRefund}: two refunds and a consistency report with one violation;</li>
 * <li>{@code ToyRouted}: two instances of one application that only take actions, to show
 *     routing by saga id;</li>
 * <li>{@code ToySlow}: takes actions, each taking {@link #SLOW_ACTION} (longer than the tests'
 *     command timeout).</li>
 * </ul>
 * Times are fixed so that the merged order is known: newest first is refund-2, trip-1, refund-1,
 * trip-2, trip-3.
 */
public final class ToyWorld {

    public static final Duration SLOW_ACTION = Duration.ofSeconds(4);
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static ToyWorld instance;

    public final ToySagas trips = new ToySagas("toy-trips", "ToyTrip", false)
            .saga("trip-1", "booking-1", SagaState.ACTIVE, T.plusSeconds(40))
            .saga("trip-2", "booking-2", SagaState.ACTIVE, T.plusSeconds(20))
            .saga("trip-3", "booking-3", SagaState.COMPLETED, T.plusSeconds(10));
    public final ToySagas refunds = new ToySagas("toy-refunds", "ToyRefund", true)
            .saga("refund-1", "booking-1", SagaState.ACTIVE, T.plusSeconds(30))
            .saga("refund-2", "booking-4", SagaState.COMPENSATED, T.plusSeconds(50));
    public final ToySagas routed = new ToySagas("toy-routed", "ToyRouted", false);
    public final ToySagas slow = new ToySagas("toy-slow", "ToySlow", false)
            .saga("slow-1", "booking-9", SagaState.ACTIVE, T);

    private ToyWorld() {
        for (int i = 0; i < 8; i++) {
            routed.saga("routed-" + i, "booking-r" + i, SagaState.ACTIVE, T);
        }
        ToyApplication.start("toy-trips-1", trips, true, Duration.ZERO);
        ToyApplication.start("toy-refunds-1", refunds, true, Duration.ZERO);
        ToyApplication.start("toy-routed-1", routed, false, Duration.ZERO);
        ToyApplication.start("toy-routed-2", routed, false, Duration.ZERO);
        ToyApplication.start("toy-slow-1", slow, false, SLOW_ACTION);
    }

    public static synchronized ToyWorld get() {
        if (instance == null) {
            instance = new ToyWorld();
        }
        return instance;
    }
}
