package io.sagashop.console.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console as it runs, on a random port, connected to {@link ConsoleTestHub} with the
 * {@code console} application's token, signing in against {@link TestUserService}, with the toy
 * applications of {@link ToyWorld} answering. One Spring context for every test class.
 * Short timeouts: 2 s to gather answers and for an action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "console.inspection.query-timeout=2s",
        "console.inspection.command-timeout=2s",
        "console.sign-in.viewer-roles=SUPPORT",
        "axon.axonserver.client-id=console-test",
        // The hub's libraries (JDBC, Flyway) are on the test class path only; the console has no database.
        "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"})
public abstract class ConsoleTest {

    protected static final ToyWorld WORLD = ToyWorld.get();

    @DynamicPropertySource
    static void connect(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", ConsoleTestHub::servers);
        registry.add("axon.axonserver.token", () -> ConsoleTestHub.CONSOLE_TOKEN);
        registry.add("console.sign-in.jwk-set-uri", () -> TestUserService.get().jwkSetUri());
        registry.add("console.sign-in.login-uri", () -> TestUserService.get().loginUri());
    }
}
