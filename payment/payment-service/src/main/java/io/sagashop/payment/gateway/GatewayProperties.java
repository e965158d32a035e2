package io.sagashop.payment.gateway;

import io.sagashop.payment.api.PaymentMethodType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateways are and which ones may carry which method.
 *
 * @param card           the card provider's base URL and timeouts
 * @param wallet         the wallet provider's base URL and timeouts
 * @param routes         per method, the gateways to try in order; a later one is tried only when
 *                       the earlier ones were certainly not reached
 */
@ConfigurationProperties("sagashop.payment.gateways")
public record GatewayProperties(
        @DefaultValue Endpoint card,
        @DefaultValue Endpoint wallet,
        Map<PaymentMethodType, List<String>> routes) {

    public GatewayProperties {
        if (routes == null || routes.isEmpty()) {
            routes = Map.of(PaymentMethodType.CARD, List.of("card", "wallet"), PaymentMethodType.WALLET, List.of("wallet"));
        }
    }

    /**
     * One provider's connection.
     *
     * @param baseUrl        e.g. {@code http://localhost:8090}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for the answer
     */
    public record Endpoint(
            @DefaultValue("http://localhost:8090") String baseUrl,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("2s") Duration readTimeout) {
    }
}
