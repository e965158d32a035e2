package io.sagashop.console.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Stands for the shop's user service: publishes a JWK set and signs JWTs as it does (RS256,
 * issuer {@code sagashop-user}, claims {@code roles} and {@code email}), and answers
 * {@code POST /auth/login} for two accounts: {@value #ADMIN} (ADMIN) and {@value #CUSTOMER}
 * (CUSTOMER), both with password {@value #PASSWORD}.
 */
public final class TestUserService {

    public static final String ISSUER = "sagashop-user";
    public static final String ADMIN = "ops@console.test";
    public static final String CUSTOMER = "shopper@console.test";
    public static final String SUPPORT = "support@console.test";
    public static final String PASSWORD = "correct horse battery";

    private static TestUserService instance;

    private final RSAKey key;
    private final HttpServer server;

    private TestUserService() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange ->
                answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/auth/login", this::login);
        server.start();
    }

    public static synchronized TestUserService get() {
        if (instance == null) {
            try {
                instance = new TestUserService();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String jwkSetUri() {
        return url() + "/.well-known/jwks.json";
    }

    public String loginUri() {
        return url() + "/auth/login";
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String adminToken() {
        return token(ADMIN, List.of("ADMIN"));
    }

    public String customerToken() {
        return token(CUSTOMER, List.of("CUSTOMER"));
    }

    /** A shop JWT for this account and roles, valid for an hour. */
    public String token(String email, List<String> roles) {
        return sign(key, claims(email, roles).build());
    }

    /** The claims the user service puts in a token; a test changes one to forge a bad token. */
    public static JWTClaimsSet.Builder claims(String email, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .claim("email", email)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** Signs with this service's key. */
    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Signs with a key that is not in the JWK set (a forger's). */
    public static String signWithAnotherKey(JWTClaimsSet claims) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID("forger").generate(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = null;
        if (body.contains("\"password\":\"" + PASSWORD + "\"")) {
            if (body.contains("\"email\":\"" + ADMIN + "\"")) {
                token = adminToken();
            } else if (body.contains("\"email\":\"" + CUSTOMER + "\"")) {
                token = customerToken();
            }
        }
        if (token == null) {
            answer(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        answer(exchange, 200, "{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
