package io.sagashop.order.saga;

import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the event stream the sagas' processor runs in this instance: the age of the
 * events it is handling now. A step deadline asks before it resends ({@link StepSaga}): while the
 * processor works through old events, the answer the step waits for may be among them, and a
 * resend would only add commands, answers and events to an overload that is already there.
 */
@FunctionalInterface
interface SagaBacklog {

    /** Never behind: every step deadline resends when due. */
    SagaBacklog NONE = now -> Duration.ZERO;

    /**
     * The age of the events the processor handles now; zero when it is idle or keeps up, and when
     * this instance cannot tell (it works on none of the processor's segments).
     */
    Duration behind(Instant now);
}
