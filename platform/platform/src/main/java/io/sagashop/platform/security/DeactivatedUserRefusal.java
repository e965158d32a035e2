package io.sagashop.platform.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A token of a deactivated user is refused like an invalid one (401), however valid its signature. */
final class DeactivatedUserRefusal implements JwtDecoder {

    private final JwtDecoder delegate;
    private final DeactivatedUsers deactivated;

    DeactivatedUserRefusal(JwtDecoder delegate, DeactivatedUsers deactivated) {
        this.delegate = delegate;
        this.deactivated = deactivated;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        if (deactivated.isDeactivated(jwt.getSubject())) {
            throw new BadJwtException("The account of this token is deactivated");
        }
        return jwt;
    }
}
