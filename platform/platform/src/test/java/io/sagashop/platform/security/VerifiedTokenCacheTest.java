package io.sagashop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    /** Verifies "good-*" tokens, expiring an hour after NOW; refuses anything else; counts calls. */
    private final List<String> verified = new ArrayList<>();
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plus(Duration.ofHours(1))).build();
    };

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        var cache = new VerifiedTokenCache(verifier, 100, at(NOW));

        assertThat(cache.decode("good-a").getSubject()).isEqualTo("good-a");
        assertThat(cache.decode("good-a").getSubject()).isEqualTo("good-a");
        assertThat(cache.decode("good-b").getSubject()).isEqualTo("good-b");

        assertThat(verified).containsExactly("good-a", "good-b");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
        var cache = new VerifiedTokenCache(verifier, 100, at(NOW));

        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpired() {
        var clock = new MovableClock(NOW);
        var cache = new VerifiedTokenCache(verifier, 100, clock);
        cache.decode("good-a");
        cache.decode("good-a");

        clock.now = NOW.plus(Duration.ofHours(2));
        cache.decode("good-a"); // expired: back to the verifier (the real one refuses it)
        cache.decode("good-a"); // and the verifier's answer, already expired, is not remembered

        assertThat(verified).containsExactly("good-a", "good-a", "good-a");
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        var cache = new VerifiedTokenCache(verifier, 2, at(NOW));
        cache.decode("good-a");
        cache.decode("good-b");
        cache.decode("good-c"); // full: forgets a and b, keeps c
        cache.decode("good-c");
        cache.decode("good-a");

        assertThat(verified).containsExactly("good-a", "good-b", "good-c", "good-a");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
