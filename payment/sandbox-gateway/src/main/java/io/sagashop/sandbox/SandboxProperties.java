package io.sagashop.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Start-up settings of the simulation; the faults can be changed at run time through {@code /admin/faults}.
 *
 * @param latency      added to every answer of both providers
 * @param failureRate  share of requests (0..1) answered 503 without being processed
 * @param slowResponse extra delay of the "slow" test instruments
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        @DefaultValue("0ms") Duration latency,
        @DefaultValue("0") double failureRate,
        @DefaultValue("1500ms") Duration slowResponse) {
}
