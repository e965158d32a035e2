package io.sagashop.catalog;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog's Axon settings beyond application.yml (which picks each processing group's mode).
 */
@Configuration
class AxonConfig {

    /**
     * A handler that fails must not skip its event silently (Axon's default only logs it). The
     * projections' failures go to their dead-letter queues (application.yml); everywhere else the
     * failure propagates: the unique-SKU lookup (subscribing, same transaction) fails the
     * AddProduct that would break it.
     */
    @Autowired
    void errorHandling(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
