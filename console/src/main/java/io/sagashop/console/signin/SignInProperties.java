package io.sagashop.console.signin;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How operators sign in to the console, under {@code console.sign-in.*}: with a shop account's
 * JWT, issued by the user service and checked against its public keys, as the hub checks it.
 *
 * @param jwkSetUri     the user service's public keys; a JWT is accepted only when signed (RS256) by one of them
 * @param loginUri      the user service's login, which the console's sign-in form goes through
 * @param issuer        the {@code iss} a JWT must carry
 * @param operatorRoles JWT roles that may act on sagas (and read)
 * @param viewerRoles   JWT roles that may only read; a role in neither list may do nothing (403)
 */
@ConfigurationProperties("console.sign-in")
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
