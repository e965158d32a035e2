package io.sagashop.inspection.toy;

import io.sagashop.inspection.SagaInspectionAutoConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A toy Axon application with one saga type of its own, on the platform (MariaDB, the hub), to
 * test the library as an application uses it: only the dependency, {@link ShipmentSaga}'s journal
 * calls, an {@link io.sagashop.inspection.InspectedSagaType} and a
 * {@link io.sagashop.inspection.ConsistencyCheck} bean.
 */
@SpringBootApplication
public class ToyShippingApplication {

    /** A failing saga handling is rolled back and retried, as in the shop's services. */
    @Bean
    ConfigurerModule shipmentSagaErrors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler("ShipmentSagaProcessor", config -> PropagatingErrorHandler.instance()));
    }

    @Bean(SagaInspectionAutoConfiguration.CLOCK)
    MovableClock sagaInspectionClock() {
        return new MovableClock();
    }

    /** The system clock, moved on by what a test asks: the journal looked at later without waiting. */
    public static class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        public void advance(Duration by) {
            offset = offset.plus(by);
        }

        public void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
