package io.sagashop.platform.metrics;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * No exemplars (trace ids attached to samples) on {@code /actuator/prometheus} unless
 * {@code sagashop.metrics.exemplars=true}. With tracing on, Spring Boot attaches them to every
 * summary's {@code _count} too, which the OpenMetrics parser of Prometheus before 2.43 (Debian 12
 * ships 2.42) refuses: the whole scrape fails with "does not support exemplars". The trace of an
 * order is found from the dashboard instead.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.actuate.autoconfigure.tracing.prometheus.PrometheusExemplarsAutoConfiguration")
@ConditionalOnClass(SpanContext.class)
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class NoExemplarsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SpanContext.class)
    @ConditionalOnProperty(name = "sagashop.metrics.exemplars", havingValue = "false", matchIfMissing = true)
    SpanContext sagashopNoExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {
            }
        };
    }
}
