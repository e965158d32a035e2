package io.sagashop.order.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The saga's settings under {@code sagashop.order} (the placement settings of the same sub-tree
 * are read elsewhere).
 *
 * @param deadline   how long an order may take from placement to confirmation before it is compensated
 * @param retry      backoff for commands that could not be delivered or failed transiently
 *                   (when a saga counts as stuck is the inspection library's
 *                   {@code sagashop.inspection.stuck-after})
 */
@ConfigurationProperties("sagashop.order")
record SagaSettings(Duration deadline, Retry retry) {

    SagaSettings {
        deadline = deadline == null ? Duration.ofSeconds(30) : deadline;
        retry = retry == null ? new Retry(null, null, null) : retry;
    }

    /**
     * @param initialBackoff   the step deadline: how long a step may go without an answer before
     *                         its unanswered commands are sent again
     * @param maxBackoff       the wait doubles after every resend, up to this
     * @param backlogTolerance a step deadline that fires while the saga's processor handles events
     *                         older than this postpones its resend ({@link SagaBacklog}): the answer
     *                         may be among the events it has yet to reach
     */
    record Retry(Duration initialBackoff, Duration maxBackoff, Duration backlogTolerance) {

        // The only constructor: with a second one Spring Boot no longer binds the properties
        // through this one, and every setting silently falls back to its default.
        Retry {
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
            backlogTolerance = backlogTolerance == null ? Duration.ofSeconds(2) : backlogTolerance;
        }
    }

    /** The step deadline's wait after {@code retriesSoFar} resends in the step: doubling from the initial backoff, capped. */
    Duration backoff(int retriesSoFar) {
        Duration wait = retry.initialBackoff();
        for (int i = 0; i < retriesSoFar && wait.compareTo(retry.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : wait;
    }
}
