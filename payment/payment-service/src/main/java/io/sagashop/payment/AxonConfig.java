package io.sagashop.payment;

import io.sagashop.payment.api.legacy.CardNumberMaskingUpcaster;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event processors. Both are pooled streaming processors (set in application.yml) whose
 * tokens live in the payments schema. The gateway group propagates handler failures, so the
 * processor keeps its token and retries the event later (with backoff) instead of skipping it:
 * a gateway that did not answer is asked again with the same idempotency key.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

    static final String GATEWAY_GROUP = "payment-gateway";

    /** Masks the card numbers older versions stored in {@code PaymentRequested}, whenever one is read. */
    @Bean
    CardNumberMaskingUpcaster cardNumberMaskingUpcaster() {
        return new CardNumberMaskingUpcaster();
    }

    @Bean
    ConfigurerModule paymentProcessingConfigurer() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(GATEWAY_GROUP, c -> PropagatingErrorHandler.instance()));
    }
}
