package io.sagashop.user.auth;

import java.time.Duration;

/** A login refused unchecked because its account or address is locked for {@code retryAfter}. */
final class LoginLockedException extends RuntimeException {

    private final transient Duration retryAfter;

    LoginLockedException(Duration retryAfter) {
        super("locked for " + retryAfter, null, false, false);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
