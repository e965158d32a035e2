package io.sagashop.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.tracing.Tracer;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP side every service shares: the correlation filter (before security, after the
 * server's tracing observation), the request body size limit (right after it, still before
 * security), strict JSON for request bodies and problem+json error handling.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(HttpLimitsProperties.class)
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
    FilterRegistrationBean<BodySizeLimitFilter> sagashopBodySizeLimitFilter(HttpLimitsProperties limits,
            ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(limits.maxBodySize().toBytes(), objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** Request bodies are read by a strict copy of the ObjectMapper; answers are written as before. */
    @Bean
    WebMvcConfigurer sagashopStrictJson() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                for (HttpMessageConverter<?> converter : converters) {
                    if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                        jackson.setObjectMapper(StrictJson.forRequests(jackson.getObjectMapper()));
                    }
                }
            }
        };
    }

    @Bean
    ProblemDetailsAdvice sagashopProblemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
