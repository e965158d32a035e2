package io.sagashop.hub.access;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the hub finds its applications' permissions and their credentials, under {@code hub.access.*}.
 * Permissions and tokens are kept apart: the permissions are reviewed and versioned with the
 * code, the tokens are secrets that live only on the machine.
 *
 * @param permissions the applications and what each may do ({@code classpath:} or {@code file:}
 *                    location of a {@code hub-access.yml}); the shop's own is in the hub jar
 * @param tokensFile  a properties file {@code application=token}; when it is missing and no
 *                    token is configured at all, the hub creates it with a random {@code admin}
 *                    token (mode 600) instead of running open
 * @param tokens      tokens given directly ({@code hub.access.tokens.payment=…}), added to the
 *                    file's; for embedding the hub (tests), not for the command line, where
 *                    other users of the machine could read them
 */
@ConfigurationProperties("hub.access")
public record AccessProperties(
        @DefaultValue("classpath:hub-access.yml") String permissions,
        @DefaultValue("data/hub-tokens.properties") Path tokensFile,
        Map<String, String> tokens) {

    public AccessProperties {
        tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    }
}
