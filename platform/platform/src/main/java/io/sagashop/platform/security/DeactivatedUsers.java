package io.sagashop.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * The users deactivated recently enough that a token issued before could still be valid: their
 * tokens are refused. Bounded twice: an entry is dropped {@code rememberFor} after it was
 * learnt (set it to at least the user service's token lifetime; no token of the user can be
 * younger than the deactivation, since login refuses them from then on), and at most
 * {@code maxEntries} are kept. Kept in memory and rebuilt at start from the user events of the
 * last {@code rememberFor} ({@link DeactivatedUsersProjection}).
 */
public final class DeactivatedUsers {

    private final Cache<String, Instant> deactivated;

    DeactivatedUsers(Duration rememberFor, long maxEntries) {
        this.deactivated = Caffeine.newBuilder().expireAfterWrite(rememberFor).maximumSize(maxEntries).build();
    }

    void deactivated(String userId, Instant at) {
        deactivated.put(userId, at);
    }

    /** Whether tokens of this user ({@code sub}) are refused. */
    public boolean isDeactivated(String userId) {
        return userId != null && deactivated.getIfPresent(userId) != null;
    }
}
