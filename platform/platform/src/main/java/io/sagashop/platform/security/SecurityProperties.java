package io.sagashop.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sagashop.security.*}: where the user service publishes its keys, and which requests
 * need no token.
 *
 * @param jwkSetUri   the JWK set that signs valid tokens
 * @param publicPaths request patterns open to anonymous callers, each {@code "/path/**"} or
 *                    {@code "METHOD /path"} (e.g. {@code "POST /users"}); actuator health,
 *                    Prometheus, OpenAPI and Swagger UI are always open
 */
@ConfigurationProperties("sagashop.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8081/.well-known/jwks.json") String jwkSetUri,
        @DefaultValue List<String> publicPaths) {
}
