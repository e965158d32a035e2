package io.sagashop.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sagashop.notification.*}.
 *
 * @param mailFrom the sender of every notification mail
 * @param retry    how often and how patiently one notification is tried before its event goes
 *                 to the dead-letter queue
 */
@ConfigurationProperties("sagashop.notification")
record NotificationSettings(@DefaultValue("Sagashop <orders@sagashop.local>") String mailFrom,
                            @DefaultValue Retry retry) {

    /**
     * @param maxAttempts    attempts in all, the first included
     * @param initialBackoff the wait after the first failure
     * @param multiplier     each later wait is this many times the one before
     * @param maxBackoff     no wait is longer than this
     */
    record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
                 @DefaultValue("2.0") double multiplier, @DefaultValue("5s") Duration maxBackoff) {

        Duration backoffAfter(int failedAttempt) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, failedAttempt - 1);
            return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
        }
    }
}
