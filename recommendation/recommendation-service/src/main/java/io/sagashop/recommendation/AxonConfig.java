package io.sagashop.recommendation;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The views' processor (pooled, tokens in this schema; see application.yml) propagates a
 * handler's failure instead of logging and skipping the event, as Axon does by default: a view
 * that silently misses an order would suggest wrongly for good. The processor keeps its token
 * and tries the event again with backoff (a database that is briefly away heals by itself).
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

    @Bean
    ConfigurerModule recommendationProcessingConfigurer() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
