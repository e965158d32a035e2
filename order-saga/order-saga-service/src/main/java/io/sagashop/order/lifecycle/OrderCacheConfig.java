package io.sagashop.order.lifecycle;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Command-side wiring of the Order aggregate. */
@Configuration(proxyBeanMethods = false)
class OrderCacheConfig {

    /**
     * Orders stay in memory between the saga's commands (an order gets four or five within a
     * second) instead of being read back from the hub each time. Safe because commands are routed
     * by order id to one instance, and Axon evicts an entry whose unit of work fails; an entry the
     * garbage collector took is simply read again.
     */
    @Bean
    Cache orderCache() {
        return new WeakReferenceCache();
    }
}
