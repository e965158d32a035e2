package io.sagashop.order;

import io.sagashop.payment.api.legacy.CardNumberMaskingUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Older versions stored the customer's card number in {@code OrderPlaced} (and the payment
 * service's {@code PaymentRequested}, which order tracking reads too). The upcaster masks it
 * whenever this service reads such an event, so the Order aggregate, the saga and the views never
 * hold it; docs/security.md says how an operator scrubs the stored bytes.
 */
@Configuration(proxyBeanMethods = false)
class LegacyCardNumbers {

    @Bean
    CardNumberMaskingUpcaster cardNumberMaskingUpcaster() {
        return new CardNumberMaskingUpcaster();
    }
}
