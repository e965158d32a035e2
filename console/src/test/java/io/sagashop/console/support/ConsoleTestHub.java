package io.sagashop.console.support;

import io.sagashop.hub.EmbeddedHub;
import java.util.Map;

/**
 * The hub of this test JVM, in-process on an H2 database, locked as every hub: the console
 * connects with the token of the application {@code console} from the shop's own
 * {@code hub-access.yml}, so the tests show that its permissions suffice (and what they refuse);
 * the toy applications stand for other services and use the admin token.
 */
public final class ConsoleTestHub {

    /** Random per test JVM, so no test depends on a literal. */
    public static final String ADMIN_TOKEN = "admin-" + java.util.UUID.randomUUID();
    public static final String CONSOLE_TOKEN = "console-" + java.util.UUID.randomUUID();

    private static EmbeddedHub hub;

    private ConsoleTestHub() {
    }

    public static synchronized EmbeddedHub get() {
        if (hub == null) {
            hub = EmbeddedHub.start(Map.of(
                    "spring.datasource.url", "jdbc:h2:mem:console_hub_" + System.nanoTime()
                            + ";MODE=MySQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE",
                    "spring.datasource.username", "sa",
                    "spring.datasource.password", "",
                    "hub.access.tokens-file", "target/console-test-hub-has-no-tokens-file",
                    "hub.access.tokens.admin", ADMIN_TOKEN,
                    "hub.access.tokens.console", CONSOLE_TOKEN,
                    // The console's application.yml would shadow the hub's on this class path.
                    "spring.config.name", "sagashop-embedded-hub",
                    "spring.application.name", "sagashop-hub",
                    "spring.flyway.locations", "classpath:db/hub"));
            EmbeddedHub started = hub;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "console-test-hub-stop"));
        }
        return hub;
    }

    /** {@code localhost:port}, for {@code axon.axonserver.servers}. */
    public static String servers() {
        return get().servers();
    }
}
