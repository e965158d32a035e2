package io.sagashop.console.inspection;

import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's Axon wiring beyond Spring Boot's defaults: actions routed by saga id. */
@Configuration(proxyBeanMethods = false)
class InspectionConfiguration {

    /** Replaces the connector's default strategy (Axon's auto-configuration backs off). */
    @Bean
    RoutingStrategy routingStrategy() {
        return new SagaIdRoutingStrategy();
    }
}
