package io.sagashop.user.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Temporary lockout after repeated failed logins, per account (the e-mail as typed, known or
 * not, so the lockout does not reveal which accounts exist) and per client address. Each key
 * has a Resilience4j {@link RateLimiter} whose permits are failures: every failed login takes
 * one; with none left the key is locked until the limiter's period renews them. A successful
 * login forgets its account's failures (not its address's: an attacker could otherwise reset
 * their address with an account of their own). Limiters live in bounded Caffeine caches and are
 * forgotten a window after their last use. In memory, per instance.
 */
@Component
@EnableConfigurationProperties(LoginThrottleProperties.class)
class LoginThrottle {

    private final Cache<String, RateLimiter> accounts;
    private final Cache<String, RateLimiter> addresses;
    private final RateLimiterConfig accountLimit;
    private final RateLimiterConfig addressLimit;

    LoginThrottle(LoginThrottleProperties properties) {
        this.accounts = Caffeine.newBuilder().expireAfterAccess(properties.window())
                .maximumSize(properties.maxTracked()).build();
        this.addresses = Caffeine.newBuilder().expireAfterAccess(properties.window())
                .maximumSize(properties.maxTracked()).build();
        this.accountLimit = limit(properties.failuresPerAccount(), properties.window());
        this.addressLimit = limit(properties.failuresPerAddress(), properties.window());
    }

    private static RateLimiterConfig limit(int failures, Duration window) {
        return RateLimiterConfig.custom().limitForPeriod(failures).limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO).build();
    }

    /** How long the caller must wait when the account or the address is locked; empty when neither is. */
    Optional<Duration> lockedFor(String account, String address) {
        Duration wait = max(waitOf(accounts.getIfPresent(account)), waitOf(addresses.getIfPresent(address)));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String account, String address) {
        accounts.get(account, key -> new AtomicRateLimiter("login-account", accountLimit)).acquirePermission();
        addresses.get(address, key -> new AtomicRateLimiter("login-address", addressLimit)).acquirePermission();
    }

    void succeeded(String account) {
        accounts.invalidate(account);
    }

    private static Duration waitOf(RateLimiter limiter) {
        if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
            return Duration.ZERO;
        }
        long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
        return Duration.ofNanos(Math.max(nanos, 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
