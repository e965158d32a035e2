package io.sagashop.payment.lifecycle;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Command-side wiring of the Payment aggregate. */
@Configuration(proxyBeanMethods = false)
class PaymentCacheConfig {

    /**
     * Payments stay in memory between their commands (request, then capture or void within a
     * second) instead of being read back from the hub each time. Safe because commands are routed
     * by payment id to one instance, and Axon evicts an entry whose unit of work fails; an entry
     * the garbage collector took is simply read again.
     */
    @Bean
    Cache paymentCache() {
        return new WeakReferenceCache();
    }
}
