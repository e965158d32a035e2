package io.sagashop.hub.testing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot application on Axon Framework 4.13, connected to a {@link TestHub} through
 * the standard connector, configured as a Sagashop service would be (Jackson serializers).
 * Pass configuration classes that declare the handlers; they must not component-scan the hub.
 * It connects with the hub's admin token unless the settings give {@code axon.axonserver.token}.
 */
public final class TestClient {

    private TestClient() {
    }

    public static ConfigurableApplicationContext start(TestHub hub, String componentName, String clientId,
                                                       Class<?>... configurations) {
        return start(hub, componentName, clientId, Map.of(), configurations);
    }

    public static ConfigurableApplicationContext start(TestHub hub, String componentName, String clientId,
                                                       Map<String, Object> settings, Class<?>... configurations) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.application.name", componentName);
        // No database for the client apps: in-memory token store, events through the hub.
        properties.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration"));
        properties.put("axon.axonserver.servers", hub.servers());
        properties.put("axon.axonserver.component-name", componentName);
        properties.put("axon.axonserver.client-id", clientId);
        properties.put("axon.axonserver.token", TestHub.ADMIN_TOKEN);
        properties.put("axon.serializer.general", "jackson");
        properties.put("axon.serializer.events", "jackson");
        properties.put("axon.serializer.messages", "jackson");
        properties.putAll(settings);
        Class<?>[] sources = new Class<?>[configurations.length + 1];
        sources[0] = ClientBase.class;
        System.arraycopy(configurations, 0, sources, 1, configurations.length);
        return new SpringApplicationBuilder(sources).properties(properties).run();
    }

    /** Turns on Boot's auto-configuration (Axon's included) without scanning any package. */
    @org.springframework.boot.autoconfigure.EnableAutoConfiguration
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ClientBase {
    }
}
