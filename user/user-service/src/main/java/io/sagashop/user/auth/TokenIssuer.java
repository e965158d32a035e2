package io.sagashop.user.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sagashop.user.account.StoredCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs RS256 access tokens: {@code sub} = user id, {@code roles} = [role], {@code email}. */
@Component
class TokenIssuer {

    private final SigningKeys keys;
    private final JwtProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, JwtProperties properties) {
        this.keys = keys;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    record IssuedToken(String value, Instant expiresAt) {
    }

    IssuedToken issue(StoredCredentials user) {
        Instant now = clock.instant();
        Instant expiry = now.plus(properties.lifetime());
        var key = keys.current();
        var claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(user.userId().value())
                .claim("roles", List.of(user.role().name()))
                .claim("email", user.email())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return new IssuedToken(jwt.serialize(), expiry);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }
}
