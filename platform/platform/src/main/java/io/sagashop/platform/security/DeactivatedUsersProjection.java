package io.sagashop.platform.security;

import io.sagashop.user.api.UserDeactivated;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * Feeds {@link DeactivatedUsers} from the user service's {@code UserDeactivated} events. It
 * handles that one type only, so after the first event of every other type the connector asks
 * the hub to stop sending them (Axon Server's stream blacklist, which the hub honours): the
 * processor then receives the shop's deactivations and a keep-alive every few seconds, not its
 * whole event stream.
 */
@ProcessingGroup(DeactivatedUsersAutoConfiguration.PROCESSOR)
final class DeactivatedUsersProjection {

    private final DeactivatedUsers users;

    DeactivatedUsersProjection(DeactivatedUsers users) {
        this.users = users;
    }

    @EventHandler
    void on(UserDeactivated event, @Timestamp Instant at) {
        users.deactivated(event.userId().value(), at);
    }
}
