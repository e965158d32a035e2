package io.sagashop.inspection;

import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Saga actions routed by saga id ({@link SagaActionRoutingStrategy}), every other command as
 * Axon's default. Before Axon's Axon Server configuration, whose own strategy backs off when one
 * exists; an application that declares its own {@link RoutingStrategy} keeps it.
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration",
        "org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration"})
@ConditionalOnClass(RoutingStrategy.class)
@ConditionalOnProperty(name = "sagashop.inspection.enabled", havingValue = "true", matchIfMissing = true)
public class SagaActionRoutingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RoutingStrategy sagaActionRoutingStrategy() {
        return new SagaActionRoutingStrategy(AnnotationRoutingStrategy.defaultStrategy());
    }
}
