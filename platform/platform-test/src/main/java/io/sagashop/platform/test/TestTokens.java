package io.sagashop.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * JWTs for tests, signed with an RSA key made for this JVM. The public key is served as a JWK set
 * on a small local HTTP server ({@link #jwkSetUri()}); point {@code sagashop.security.jwk-set-uri}
 * at it ({@code @ServiceTest} and {@code @WithTestTokens} do) and the platform's ordinary JWT
 * validation accepts these tokens — production code has no test back door.
 */
public final class TestTokens {

    /** The user id {@link #admin()} carries. */
    public static final String ADMIN_ID = "00000000-0000-0000-0000-00000000ad01";

    private static final RSAKey KEY = generateKey();
    private static HttpServer server;

    private TestTokens() {
    }

    /** A token for an administrator ({@code roles: [ADMIN]}). */
    public static String admin() {
        return token(ADMIN_ID, "ADMIN");
    }

    /** A token for the given customer ({@code roles: [CUSTOMER]}). */
    public static String customer(String userId) {
        return token(userId, "CUSTOMER");
    }

    /** A token for a customer with a random id. */
    public static String customer() {
        return customer(UUID.randomUUID().toString());
    }

    /** {@code "Bearer " + token}, for the Authorization header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A token with the given subject and roles, valid for an hour. */
    public static String token(String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().plus(Duration.ofHours(1)), KEY);
    }

    /** A token that expired a minute ago. */
    public static String expired(String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().minus(Duration.ofMinutes(1)), KEY);
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String signedByStranger(String subject, String... roles) {
        return sign(subject, List.of(roles), Instant.now().plus(Duration.ofHours(1)), generateKey());
    }

    /** Where the public key is served, started on first use. */
    public static synchronized String jwkSetUri() {
        if (server == null) {
            server = startServer();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static String sign(String subject, List<String> roles, Instant expiry, RSAKey key) {
        try {
            Instant issued = expiry.minus(Duration.ofHours(1));
            var claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("sagashop-test")
                    .claim("roles", roles)
                    .issueTime(Date.from(issued))
                    .expirationTime(Date.from(expiry))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startServer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            http.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "test-jwks");
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
