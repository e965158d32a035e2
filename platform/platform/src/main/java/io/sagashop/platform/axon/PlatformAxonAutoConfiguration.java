package io.sagashop.platform.axon;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import java.time.Duration;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring every service shares: {@code correlationId}/{@code traceId} metadata from the HTTP
 * request onto commands and queries, and from every handled message onto the messages it
 * causes; a missing aggregate answered as a 404 {@code DomainError} that survives the hub; one
 * in-memory aggregate cache ({@link #AGGREGATE_CACHE}); Axon's spans on the application's OpenTelemetry SDK (the one Spring Boot configures,
 * exporting to Zipkin or over OTLP only when {@code management.zipkin.tracing.endpoint} or
 * {@code management.otlp.tracing.endpoint} is set), one trace per order across services
 * ({@link TraceContinuingSpanFactory}, {@link TraceContextCorrelation}).
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, OpenTelemetryAutoConfiguration.class},
        afterName = {"org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration"})
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformAxonAutoConfiguration {

    /** The bean name for {@code @Aggregate(cache = PlatformAxonAutoConfiguration.AGGREGATE_CACHE)}. */
    public static final String AGGREGATE_CACHE = "aggregateCache";

    /**
     * Keeps a service's aggregates in memory between their commands instead of replaying their
     * events from the hub each time ({@link RecentAggregatesCache}: those used lately, bounded in
     * number and idle time, and only while the heap has room). Safe because commands are routed
     * by aggregate id to one instance, and Axon evicts an entry whose unit of work fails (a stale
     * one after a routing change fails its append and is read again); an entry evicted is simply
     * read again. Keys are aggregate ids, so one cache serves every aggregate type of a service as
     * long as ids are unique across those types (every id here is a UUID).
     */
    @Bean(AGGREGATE_CACHE)
    @ConditionalOnMissingBean(name = AGGREGATE_CACHE)
    Cache aggregateCache(@Value("${sagashop.platform.aggregate-cache.maximum-size:10000}") long maximumSize,
                         @Value("${sagashop.platform.aggregate-cache.expire-after-access:10m}") Duration expireAfterAccess) {
        return new RecentAggregatesCache(maximumSize, expireAfterAccess);
    }

    /** Replaces Axon's MessageOriginProvider (same keys, but keeps the request's correlation id). */
    @Bean
    CorrelationDataProvider sagashopCorrelationDataProvider() {
        return new CorrelationMetaDataProvider();
    }

    @Bean
    SmartInitializingSingleton sagashopCorrelationDispatchInterceptors(ObjectProvider<CommandBus> commandBus,
            ObjectProvider<QueryBus> queryBus) {
        return () -> {
            commandBus.ifAvailable(bus -> {
                bus.registerDispatchInterceptor(new CorrelationDispatchInterceptor<CommandMessage<?>>());
                bus.registerHandlerInterceptor(new AggregateNotFoundInterceptor());
            });
            queryBus.ifAvailable(bus -> bus.registerDispatchInterceptor(new CorrelationDispatchInterceptor<QueryMessage<?, ?>>()));
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenTelemetrySpanFactory.class, OpenTelemetry.class})
    static class Tracing {

        @Bean
        @ConditionalOnMissingBean(SpanFactory.class)
        @ConditionalOnBean(OpenTelemetry.class)
        SpanFactory sagashopAxonSpanFactory(OpenTelemetry openTelemetry) {
            SpanFactory axon = OpenTelemetrySpanFactory.builder()
                    .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                    .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                    .build();
            return new TraceContinuingSpanFactory(axon, openTelemetry.getPropagators().getTextMapPropagator());
        }

        /** The trace context on every message a handling causes, for what is sent outside its span. */
        @Bean
        @ConditionalOnBean(OpenTelemetry.class)
        CorrelationDataProvider sagashopTraceContextCorrelation(OpenTelemetry openTelemetry) {
            return new TraceContextCorrelation(openTelemetry.getPropagators().getTextMapPropagator());
        }
    }
}
