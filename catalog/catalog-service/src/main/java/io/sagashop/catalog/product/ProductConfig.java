package io.sagashop.catalog.product;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Command-side wiring that needs this package's classes. */
@Configuration
class ProductConfig {

    /**
     * Products stay in memory between commands instead of being replayed from every event each
     * time: a popular product's stream grows by two events per order. Safe because commands are
     * routed by product id to one instance, and Axon evicts an entry whose unit of work fails.
     */
    @Bean
    Cache productCache() {
        return new WeakReferenceCache();
    }
}
