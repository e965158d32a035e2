package io.sagashop.user.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sagashop.user.jwt.*}: what the issued tokens say.
 *
 * @param issuer   the {@code iss} claim
 * @param lifetime how long a token is valid
 */
@ConfigurationProperties("sagashop.user.jwt")
record JwtProperties(@DefaultValue("sagashop-user") String issuer, @DefaultValue("PT1H") Duration lifetime) {
}
