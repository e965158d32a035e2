package io.sagashop.order.saga;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * The sagas' processor's {@link SagaBacklog}, measured on the events it handles: each committed
 * handling records how old its event was. The processor counts as behind only while it has been
 * busy for a while: handling after handling, none more than {@link #IDLE_AFTER} apart, for at
 * least {@link #BUSY_FOR}. One that handled nothing for {@link #IDLE_AFTER} is idle (nothing for
 * it in the stream, or stalled, and a stalled processor is no reason to hold resends back), so a
 * lost command is still resent on a quiet shop, and an instance that works on none of the
 * processor's segments resends as it always did. A short catch-up, such as the few events left
 * after a restart, or a single late event, is not a backlog either.
 *
 * <p>Not asked: the processor's token against the stream's head. The head moves with events the
 * sagas never handle (the hub does not even send them), so a processor with nothing left to do
 * would look behind for ever.
 */
@Component
class ProcessorLag implements SagaBacklog, ConfigurerModule {

    /**
     * A processor that handled nothing for this long is idle, not behind. Longer than a batch
     * takes in an overload (one batch of 20 events every 4 to 5 s on a cold, starved shop,
     * 2026-12-08), shorter than the step deadline's initial backoff (10 s).
     */
    static final Duration IDLE_AFTER = Duration.ofSeconds(8);
    /** How long the processor must have been busy without a pause before its lag counts: longer than a restart's catch-up. */
    static final Duration BUSY_FOR = Duration.ofSeconds(15);

    /**
     * One value written by the processor's thread and read by deadline threads: when it last
     * handled, how old that event was, and since when it has been busy without a pause.
     */
    private record LastHandled(Instant at, Duration age, Instant busySince) {
    }

    private volatile LastHandled last;

    /** Puts {@link #interceptor()} on the sagas' processor (Axon applies every {@code ConfigurerModule} bean). */
    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing(processing -> processing.registerHandlerInterceptor(OrderSaga.PROCESSING_GROUP, config -> interceptor()));
    }

    /** Records, after its commit, each event the processor handled. */
    MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            Instant published = unitOfWork.getMessage().getTimestamp();
            unitOfWork.afterCommit(committed -> handled(published, StepSaga.now()));
            return chain.proceed();
        };
    }

    void handled(Instant published, Instant at) {
        Duration age = Duration.between(published, at);
        LastHandled before = last;
        Instant busySince = before == null || idle(before, at) ? at : before.busySince();
        last = new LastHandled(at, age.isNegative() ? Duration.ZERO : age, busySince);
    }

    /** When the processor last committed a handling in this instance; null before the first. */
    Instant lastHandledAt() {
        LastHandled handled = last;
        return handled == null ? null : handled.at();
    }

    @Override
    public Duration behind(Instant now) {
        LastHandled handled = last;
        if (handled == null || idle(handled, now) || Duration.between(handled.busySince(), handled.at()).compareTo(BUSY_FOR) < 0) {
            return Duration.ZERO;
        }
        return handled.age();
    }

    private static boolean idle(LastHandled handled, Instant now) {
        return Duration.between(handled.at(), now).compareTo(IDLE_AFTER) > 0;
    }
}
