package io.sagashop.smtpsink;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;

/**
 * The SMTP sink: SMTP on {@code sink.smtp.port} (2525), HTTP on {@code server.port} (8025), both on
 * loopback unless {@code sink.smtp.bind-address} and {@code server.address} say otherwise,
 * with {@code GET /mails} and {@code DELETE /mails}. Nothing is delivered anywhere; mails are
 * kept in memory until cleared or the sink stops, at most {@code sink.smtp.keep} (10 000) of them,
 * the newest.
 *
 * <p>Its auto-configuration is an explicit list and its settings file is {@code smtp-sink.yml},
 * so it starts the same inside another application's test JVM as on its own.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
@ComponentScan
@ConfigurationPropertiesScan
public class SmtpSinkApplication {

    public static void main(String[] args) {
        builder(Map.of()).run(args);
    }

    /**
     * Starts the sink in this JVM, e.g. in a test. {@code server.port} defaults to 0 (a free port:
     * {@code context.getWebServer().getPort()}); give {@code sink.smtp.port} a free port too.
     */
    public static ConfigurableApplicationContext start(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.putIfAbsent("server.port", 0);
        // As command-line arguments, so that they win over smtp-sink.yml (default properties would not).
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return builder(Map.of()).run(args);
    }

    private static SpringApplicationBuilder builder(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("spring.config.name", "smtp-sink");
        // Inside a service's test JVM the Sagashop platform's defaults would apply to us too.
        all.put("sagashop.platform.enabled", "false");
        return new SpringApplicationBuilder(SmtpSinkApplication.class).properties(all);
    }
}
