package io.sagashop.platform.web;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The HTTP side every service shares: the correlation filter (before security, after the
 * server's tracing observation) and problem+json error handling.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<CorrelationFilter> sagashopCorrelationFilter(ObjectProvider<Tracer> tracer) {
        var registration = new FilterRegistrationBean<>(new CorrelationFilter(tracer));
        // Spring's ServerHttpObservationFilter runs at HIGHEST_PRECEDENCE + 1 and opens the span;
        // Spring Security's chain runs at -100.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    ProblemDetailsAdvice sagashopProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
