package io.sagashop.platform.tracing;

import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import zipkin2.reporter.BytesMessageSender;

/** Wraps whichever Zipkin sender Spring Boot made in a {@link QuietZipkinSender}. */
@AutoConfiguration
@ConditionalOnClass(BytesMessageSender.class)
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class QuietZipkinSenderAutoConfiguration {

    @Bean
    static BeanPostProcessor sagashopQuietZipkinSender(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof BytesMessageSender sender && !(bean instanceof QuietZipkinSender)) {
                    return new QuietZipkinSender(sender,
                            environment.getProperty("management.zipkin.tracing.endpoint", "the configured endpoint"),
                            Clock.systemUTC());
                }
                return bean;
            }
        };
    }
}
