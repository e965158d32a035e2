package io.sagashop.hub.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The applications the hub knows, what each may do, and which token belongs to which. Built once
 * at start; a mistake in the files (unknown application, a token shared by two, a short token)
 * stops the hub rather than letting it run with rights nobody meant.
 */
@Component
public class AccessPolicy {

    /** Shorter tokens can be guessed; the hub generates 43 characters. */
    static final int MIN_TOKEN_LENGTH = 16;

    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);

    private final Map<String, Application> applications;
    /** SHA-256 of the token, Base64: a map lookup on a digest leaks nothing about the token. */
    private final Map<String, Application> byTokenDigest = new HashMap<>();

    public AccessPolicy(AccessProperties properties, ResourceLoader resources) {
        this.applications = load(properties.permissions(), resources);
        Map<String, String> tokens = new LinkedHashMap<>();
        boolean fileExists = Files.isRegularFile(properties.tokensFile());
        if (fileExists) {
            tokens.putAll(TokensFile.read(properties.tokensFile()));
        }
        tokens.putAll(properties.tokens());
        if (tokens.isEmpty()) {
            tokens.put(Application.ADMIN, TokensFile.createWithAdminToken(properties.tokensFile()));
            log.warn("No hub credential was configured: generated an admin token into {} (readable by its owner "
                    + "only). Operators sign in with it; give each application its own (docs/security.md).",
                    properties.tokensFile().toAbsolutePath());
        } else if (fileExists) {
            log.info("Hub credentials read from {}", properties.tokensFile().toAbsolutePath());
        }
        tokens.forEach(this::register);
        applications.keySet().stream().filter(name -> !tokens.containsKey(name))
                .forEach(name -> log.info("Application '{}' has no token configured: it cannot connect", name));
    }

    /** The application a token belongs to; empty for an unknown token. */
    public Optional<Application> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenDigest.get(digest(token)));
    }

    /** Every application of the permissions file, admin excluded. */
    public Collection<Application> applications() {
        return applications.values();
    }

    private void register(String name, String token) {
        Application application = Application.ADMIN.equals(name) ? Application.admin() : applications.get(name);
        if (application == null) {
            throw new IllegalStateException("A token is configured for application '" + name
                    + "', which the permissions file does not declare (known: admin, "
                    + String.join(", ", applications.keySet()) + ")");
        }
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("The token of application '" + name + "' is shorter than "
                    + MIN_TOKEN_LENGTH + " characters");
        }
        Application previous = byTokenDigest.putIfAbsent(digest(token), application);
        if (previous != null) {
            throw new IllegalStateException("Applications '" + previous.name() + "' and '" + name
                    + "' have the same token: each needs its own");
        }
    }

    private static Map<String, Application> load(String location, ResourceLoader resources) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("The hub's permissions file " + location + " (hub.access.permissions) does not exist");
        }
        try (InputStream in = resource.getInputStream()) {
            Map<String, Application> applications = PermissionsFile.read(in, location);
            log.info("Hub permissions read from {}: applications {}", location, applications.keySet());
            return applications;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the hub's permissions file " + location + ": " + e.getMessage(), e);
        }
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
