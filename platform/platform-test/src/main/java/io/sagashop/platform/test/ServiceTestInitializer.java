package io.sagashop.platform.test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares a service's test context: a fresh MariaDB schema (dropped when the context closes),
 * the JVM's hub with its admin token, a unique Axon client id and the test JWK set. These settings take precedence
 * over the service's application.yml and the test's own properties. Used by {@link ServiceTest};
 * usable alone with {@code @ContextConfiguration(initializers = ServiceTestInitializer.class)}.
 */
public class ServiceTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SOURCE_NAME = "sagashopServiceTest";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String application = environment.getProperty("spring.application.name", "service");
        String schema = TestDatabase.createSchema(application);
        boolean hub = environment.getProperty("axon.axonserver.enabled", Boolean.class, true)
                && environment.getProperty("sagashop.test.hub", Boolean.class, true);
        Map<String, Object> properties = new HashMap<>(hub
                ? properties(schema, application)
                : databaseAndTokens(schema));
        properties.put("sagashop.test.schema", schema);
        if (hub) {
            // Test classes run one after another on one hub; each starts from an empty store.
            TestHub.purgeEvents();
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
        // Registered before any other bean, so destroyed after all of them (event processors,
        // connection pool): the schema goes only when nothing uses it any more.
        if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
            beans.registerDisposableBean("sagashopTestSchemaDropper", () -> TestDatabase.dropSchema(schema));
        } else {
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                if (event.getApplicationContext() == context) {
                    TestDatabase.dropSchema(schema);
                }
            });
        }
    }

    /**
     * The settings that point a service at the given schema, the JVM's hub and the test JWK set;
     * also handy for a {@code @DynamicPropertySource}.
     */
    public static Map<String, Object> properties(String schema, String application) {
        Map<String, Object> properties = databaseAndTokens(schema);
        properties.put("axon.axonserver.servers", TestHub.servers());
        properties.put("axon.axonserver.client-id", application + "-" + UUID.randomUUID());
        properties.put("axon.axonserver.token", TestHub.adminToken());
        return properties;
    }

    /**
     * Without the hub (a test that sets {@code axon.axonserver.enabled=false}, or
     * {@code sagashop.test.hub=false} to choose {@code axon.axonserver.servers} itself): schema and tokens only.
     */
    static Map<String, Object> databaseAndTokens(String schema) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", TestDatabase.jdbcUrl(schema));
        properties.put("spring.datasource.username", TestDatabase.username());
        properties.put("spring.datasource.password", TestDatabase.password());
        properties.put("sagashop.security.jwk-set-uri", TestTokens.jwkSetUri());
        return properties;
    }
}
