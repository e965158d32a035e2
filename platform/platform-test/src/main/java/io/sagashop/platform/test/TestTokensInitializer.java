package io.sagashop.platform.test;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points {@code sagashop.security.jwk-set-uri} at {@link TestTokens}' JWK set. */
public class TestTokensInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sagashopTestTokens",
                Map.of("sagashop.security.jwk-set-uri", TestTokens.jwkSetUri())));
    }
}
