package io.sagashop.payment.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The two HTTP gateways, each behind its own retry and circuit breaker (named after the gateway,
 * configured under {@code resilience4j.*.instances}), and the router over them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfig {

    @Bean
    @ConditionalOnMissingBean
    ChargeJournal chargeJournal(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new JdbcChargeJournal(jdbc, transactions);
    }

    @Bean
    GatewayRouter gatewayRouter(GatewayProperties properties, CircuitBreakerRegistry circuitBreakers,
                                RetryRegistry retries, ChargeJournal journal) {
        List<PaymentGateway> gateways = List.of(
                resilient(new CardGateway(properties.card()), circuitBreakers, retries),
                resilient(new WalletGateway(properties.wallet()), circuitBreakers, retries));
        return new GatewayRouter(gateways, properties.routes(), journal);
    }

    static PaymentGateway resilient(PaymentGateway gateway, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        return new ResilientGateway(gateway, circuitBreakers.circuitBreaker(gateway.name()), retries.retry(gateway.name()));
    }
}
