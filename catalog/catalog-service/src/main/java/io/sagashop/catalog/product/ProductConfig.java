package io.sagashop.catalog.product;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Command-side wiring that needs this package's classes. */
@Configuration
class ProductConfig {

    @Autowired
    void interceptUnknownProducts(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new UnknownProductInterceptor());
    }
}
