package io.sagashop.hub.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of command routing, under {@code hub.command.*}.
 *
 * @param defaultTimeout     how long a command may take, waiting and running, when its sender gives
 *                           no TIMEOUT processing instruction; then the sender gets AXONIQ-4003.
 *                           Axon Server waits 300 s ({@code axoniq.axonserver.default-command-timeout});
 *                           the hub 30 s: a command still unanswered then is stuck, and every
 *                           waiting command holds memory and its sender's thread
 * @param queueCapacityPerClient how many commands may wait for permits per handler stream; more
 *                           are answered at once with AXONIQ-4003 naming this setting (Axon Server:
 *                           {@code axoniq.axonserver.command-queue-capacity-per-client}, also 10 000)
 * @param maxQueuedSize      the most bytes of commands waiting for permits over all handler streams
 *                           (serialized size); past it a command is answered at once with AXONIQ-4003
 *                           naming this setting, so large commands cannot fill the heap either
 * @param virtualNodes       points on the hash ring per handler instance at load factor 100;
 *                           more points spread routing keys more evenly
 * @param timeoutCheckInterval how often waiting and running commands are checked for expiry
 * @param disconnectGrace    how long the command stream of a client that closed its control
 *                           stream stays open for the results of the commands it is executing (it
 *                           gets no new ones); the connector normally closes it sooner, once they
 *                           are answered
 */
@ConfigurationProperties("hub.command")
public record CommandRoutingProperties(
        @DefaultValue("30s") Duration defaultTimeout,
        @DefaultValue("100") int virtualNodes,
        @DefaultValue("100ms") Duration timeoutCheckInterval,
        @DefaultValue("10000") int queueCapacityPerClient,
        @DefaultValue("256MB") DataSize maxQueuedSize,
        @DefaultValue("10s") Duration disconnectGrace) {

    public CommandRoutingProperties {
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("hub.command.default-timeout must be positive, got " + defaultTimeout);
        }
        if (maxQueuedSize.toBytes() < 1024 * 1024) {
            throw new IllegalArgumentException("hub.command.max-queued-size must be at least 1MB, got " + maxQueuedSize);
        }
        if (queueCapacityPerClient < 1) {
            throw new IllegalArgumentException("hub.command.queue-capacity-per-client must be at least 1");
        }
        if (disconnectGrace.isNegative()) {
            throw new IllegalArgumentException("hub.command.disconnect-grace must not be negative");
        }
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("hub.command.virtual-nodes must be at least 1");
        }
    }
}
