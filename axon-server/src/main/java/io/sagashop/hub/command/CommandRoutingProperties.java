package io.sagashop.hub.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of command routing, under {@code hub.command.*}.
 *
 * @param defaultTimeout     how long a command may take when its sender gives no TIMEOUT
 *                           processing instruction; then the sender gets AXONIQ-4003
 * @param virtualNodes       points on the hash ring per handler instance at load factor 100;
 *                           more points spread routing keys more evenly
 * @param timeoutCheckInterval how often waiting and running commands are checked for expiry
 */
@ConfigurationProperties("hub.command")
public record CommandRoutingProperties(
        @DefaultValue("300s") Duration defaultTimeout,
        @DefaultValue("100") int virtualNodes,
        @DefaultValue("100ms") Duration timeoutCheckInterval) {

    public CommandRoutingProperties {
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("hub.command.virtual-nodes must be at least 1");
        }
    }
}
