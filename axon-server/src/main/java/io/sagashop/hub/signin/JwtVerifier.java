package io.sagashop.hub.signin;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.sagashop.hub.access.HttpRole;
import java.net.MalformedURLException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks a shop account's JWT as the services do: RS256, signed by a key of the user service's
 * JWK set (fetched when first needed and cached), the configured issuer, not expired. Its
 * {@code roles} claim decides the hub role ({@link SignInProperties}).
 */
@Component
class JwtVerifier {

    /** The JWT is not acceptable (forged, expired, wrong issuer): the caller is not signed in. */
    static final class InvalidJwtException extends Exception {
        InvalidJwtException(String message) {
            super(message);
        }
    }

    /** The user service's keys could not be fetched: nobody can be checked right now. */
    static final class KeysUnavailableException extends Exception {
        KeysUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final SignInProperties properties;

    JwtVerifier(SignInProperties properties) throws MalformedURLException {
        this.properties = properties;
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(properties.jwkSetUri().toURL()).retrying(true).build();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(properties.issuer()).build(), Set.of("sub", "exp")));
    }

    /** The operator the JWT names, with {@link HttpRole#NONE} when none of its roles is mapped. */
    Operator verify(String jwt) throws InvalidJwtException, KeysUnavailableException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw new KeysUnavailableException("The user service's keys (" + properties.jwkSetUri()
                    + ") cannot be fetched to check the sign-in: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new InvalidJwtException("Invalid or expired sign-in token: " + e.getMessage());
        }
        List<String> roles;
        String email;
        try {
            roles = claims.getStringListClaim("roles");
            email = claims.getStringClaim("email");
        } catch (java.text.ParseException e) {
            throw new InvalidJwtException("Malformed claims in the sign-in token: " + e.getMessage());
        }
        return new Operator(email == null || email.isBlank() ? claims.getSubject() : email, role(roles), "jwt");
    }

    private HttpRole role(List<String> roles) {
        if (roles == null) {
            return HttpRole.NONE;
        }
        if (roles.stream().anyMatch(properties.operatorRoles()::contains)) {
            return HttpRole.OPERATOR;
        }
        return roles.stream().anyMatch(properties.viewerRoles()::contains) ? HttpRole.VIEWER : HttpRole.NONE;
    }
}
