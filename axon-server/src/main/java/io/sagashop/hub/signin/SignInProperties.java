package io.sagashop.hub.signin;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How operators sign in to the dashboard and the HTTP API, under {@code hub.sign-in.*}.
 *
 * @param jwkSetUri     the user service's public keys; a JWT is accepted only when signed (RS256) by one of them
 * @param loginUri      the user service's login, which the dashboard's sign-in form goes through
 * @param issuer        the {@code iss} a JWT must carry
 * @param operatorRoles JWT roles that may act (saga actions, processor control, purge)
 * @param viewerRoles   JWT roles that may only read; a role in neither list has no access
 */
@ConfigurationProperties("hub.sign-in")
public record SignInProperties(
        @DefaultValue("http://localhost:8081/.well-known/jwks.json") URI jwkSetUri,
        @DefaultValue("http://localhost:8081/auth/login") URI loginUri,
        @DefaultValue("sagashop-user") String issuer,
        @DefaultValue("ADMIN") List<String> operatorRoles,
        @DefaultValue("") List<String> viewerRoles) {

    public SignInProperties {
        operatorRoles = operatorRoles.stream().filter(r -> !r.isBlank()).toList();
        viewerRoles = viewerRoles.stream().filter(r -> !r.isBlank()).toList();
    }
}
