package io.sagashop.sandbox;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;

/**
 * The sandbox payment gateway: a stand-in for real card and wallet providers so that the payment
 * service can be developed and fault-tested without the internet. Nothing here is a real payment.
 *
 * <p>Its auto-configuration is an explicit list and its settings file is {@code sandbox.yml}, so
 * it starts the same inside another application's test JVM (whose class path has databases, Axon
 * and security on it) as on its own.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        ValidationAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@ComponentScan
@ConfigurationPropertiesScan
public class SandboxGatewayApplication {

    public static void main(String[] args) {
        builder(Map.of()).run(args);
    }

    /**
     * Starts the sandbox in this JVM, e.g. in a test; {@code server.port} defaults to 0 (a free
     * port, read it with {@code context.getWebServer().getPort()}).
     */
    public static ConfigurableApplicationContext start(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("server.port", 0);
        // As arguments: builder properties are defaults, and sandbox.yml's port would win over them.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return builder(Map.of()).run(args);
    }

    private static SpringApplicationBuilder builder(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("spring.config.name", "sandbox");
        // Inside a service's test JVM the Sagashop platform's defaults would apply to us too.
        all.put("sagashop.platform.enabled", "false");
        return new SpringApplicationBuilder(SandboxGatewayApplication.class).properties(all);
    }
}
