package io.sagashop.order.saga;

import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.test.saga.SagaTestFixture;

/**
 * Axon's clock ({@link StepSaga#now()}) following the time of a saga fixture's deadline manager,
 * the time at which the fixture fires deadlines. Axon's saga fixture moves that time but leaves
 * Axon's clock on the wall clock (and its own {@code currentTime()} jumps to the end of a
 * {@code whenTimeElapses} before the deadlines in it fire); the sagas compute due times from Axon's
 * clock and compare them with the timers that fire, so both must come from one clock, as they do
 * in the service (db-scheduler and Axon both read the system clock).
 */
final class FixtureClock extends Clock {

    private final StubDeadlineManager deadlines;
    private final Clock previous;

    private FixtureClock(StubDeadlineManager deadlines, Clock previous) {
        this.deadlines = deadlines;
        this.previous = previous;
    }

    /** Installs the fixture's deadline time as Axon's clock; {@link #close()} puts the previous one back. */
    static FixtureClock install(SagaTestFixture<?> fixture) {
        FixtureClock clock = new FixtureClock(deadlineManagerOf(fixture), GenericEventMessage.clock);
        GenericEventMessage.clock = clock;
        return clock;
    }

    void close() {
        GenericEventMessage.clock = previous;
    }

    @Override
    public Instant instant() {
        return deadlines.getCurrentDateTime();
    }

    /** The fixture's deadline manager: the fixture has no getter for it. */
    private static StubDeadlineManager deadlineManagerOf(SagaTestFixture<?> fixture) {
        try {
            Field field = SagaTestFixture.class.getDeclaredField("deadlineManager");
            field.setAccessible(true);
            return (StubDeadlineManager) field.get(fixture);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Axon's SagaTestFixture no longer keeps a StubDeadlineManager in 'deadlineManager'", e);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
