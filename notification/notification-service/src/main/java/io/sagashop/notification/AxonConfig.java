package io.sagashop.notification;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifications group beyond application.yml (which makes it a pooled streaming processor
 * with a dead-letter queue, its token in this service's schema): sequenced by customer, and a
 * failure is never just logged and skipped. With the dead-letter queue enabled a failed event is
 * parked there; should the queue refuse it, the failure propagates and the processor retries.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

    @Bean
    ConfigurerModule notificationProcessingConfigurer() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(ProcessingGroups.NOTIFICATIONS, c -> new ByCustomerSequencingPolicy())
                .registerListenerInvocationErrorHandler(ProcessingGroups.NOTIFICATIONS,
                        c -> PropagatingErrorHandler.instance()));
    }
}
