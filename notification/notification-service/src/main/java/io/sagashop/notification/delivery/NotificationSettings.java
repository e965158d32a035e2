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
 * @param smtp     whether mails share kept SMTP connections
 */
@ConfigurationProperties("sagashop.notification")
record NotificationSettings(@DefaultValue("Sagashop <orders@sagashop.local>") String mailFrom,
                            @DefaultValue Retry retry, @DefaultValue Smtp smtp) {

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

    /**
     * @param reuseConnection send each mail over a kept SMTP connection instead of connecting (and
     *                        saying EHLO and QUIT) for every mail; false: one connection per mail
     * @param idleTimeout     a kept connection unused for longer than this is closed instead of
     *                        reused, well before an SMTP server would drop it (RFC 5321 servers
     *                        wait at least 5 minutes)
     */
    record Smtp(@DefaultValue("true") boolean reuseConnection, @DefaultValue("30s") Duration idleTimeout) {

        Smtp {
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("sagashop.notification.smtp.idle-timeout must be positive, was "
                        + idleTimeout + " (to keep no connection, set sagashop.notification.smtp.reuse-connection=false)");
            }
        }
    }
}
