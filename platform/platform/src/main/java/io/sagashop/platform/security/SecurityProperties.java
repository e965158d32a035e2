package io.sagashop.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sagashop.security.*}: where the user service publishes its keys, which requests need
 * no token, and how deactivated users' tokens are refused.
 *
 * @param jwkSetUri        the JWK set that signs valid tokens
 * @param publicPaths      request patterns open to anonymous callers, each {@code "/path/**"} or
 *                         {@code "METHOD /path"} (e.g. {@code "POST /users"}); actuator health,
 *                         OpenAPI and Swagger UI are always open
 * @param deactivatedUsers how long and how many deactivations are remembered
 * @param metricsToken     a bearer token that opens {@code /actuator/prometheus} and nothing
 *                         else, for metrics scrapers that cannot renew a JWT (./shop sets the hub's
 *                         {@code monitoring} token, as {@code SAGASHOP_SECURITY_METRICS_TOKEN});
 *                         unset, only an administrator's JWT opens it
 */
@ConfigurationProperties("sagashop.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8081/.well-known/jwks.json") String jwkSetUri,
        @DefaultValue List<String> publicPaths,
        @DefaultValue DeactivatedUsersSettings deactivatedUsers,
        String metricsToken) {

    /**
     * {@code sagashop.security.deactivated-users.*}.
     *
     * @param rememberFor how long a deactivation refuses the user's tokens: at least the user
     *                    service's {@code sagashop.user.jwt.lifetime} (1 h); also how far back
     *                    the events are read at start
     * @param maxEntries  at most this many deactivations are kept
     */
    public record DeactivatedUsersSettings(@DefaultValue("PT2H") Duration rememberFor,
                                           @DefaultValue("100000") long maxEntries) {
    }
}
