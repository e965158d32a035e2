package io.sagashop.order;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The catalog and payment services as this module's service tests meet them: one stateful
 * simulation of each, connected through the hub like the real ones (the real services are not
 * dependencies of this one, not even in tests). The saga's commands change their state and
 * publish the participants' events; their queries answer from that same state, so the real
 * audit checks what really happened. Also a clock the audit tests can move.
 *
 * <p>Use with {@code @Import(SimulatedParticipants.class)} on a {@code @ServiceTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatedParticipants {

    @Bean
    SimulatedCatalog simulatedCatalog(EventGateway events) {
        return new SimulatedCatalog(events);
    }

    @Bean
    SimulatedPayments simulatedPayments(EventGateway events) {
        return new SimulatedPayments(events);
    }

    @Bean
    MovableClock movableClock() {
        return new MovableClock();
    }
}
