package io.sagashop.console.inspection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the console waits for the applications, under {@code console.inspection.*}.
 *
 * @param queryTimeout   how long a scatter-gather query collects answers; what arrived by then is
 *                       shown (an application slower than this is left out of the page)
 * @param commandTimeout how long an operator action may take before it is answered 504 (the
 *                       action may still happen: the saga's timeline tells)
 */
@ConfigurationProperties("console.inspection")
public record InspectionProperties(@DefaultValue("5s") Duration queryTimeout,
                                   @DefaultValue("10s") Duration commandTimeout) {

    public InspectionProperties {
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("console.inspection.query-timeout must be positive, not " + queryTimeout);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("console.inspection.command-timeout must be positive, not " + commandTimeout);
        }
    }
}
