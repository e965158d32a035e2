package io.sagashop.platform.fault;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.lifecycle.Phase;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * <b>Test-only fault injection</b>, off unless {@value #PROPERTY} is set: the JVM halts
 * ({@link Runtime#halt(int)}, exit status {@value HaltAfterCommitInterceptor#HALT_STATUS}) right
 * after a chosen unit of work commits — like a {@code kill -9} at the worst moment, but at a
 * moment a test can choose. End-to-end tests use it to show that a saga heals after a crash
 * between its commit and the effects it planned for after the commit. The format is described
 * in {@link HaltAfterCommit}; an event processor or deadline manager it names that this service
 * does not have fails the start. A WARN at start says that the JVM is armed.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnProperty(name = FaultInjectionAutoConfiguration.PROPERTY)
public class FaultInjectionAutoConfiguration {

    public static final String PROPERTY = "sagashop.fault.halt-after-commit";

    private static final Logger LOGGER = LoggerFactory.getLogger(FaultInjectionAutoConfiguration.class);

    /** The faults this JVM is armed with. */
    record ArmedFaults(List<HaltAfterCommit> faults) {
    }

    @Bean
    ArmedFaults sagashopArmedFaults(@Value("${" + PROPERTY + "}") String value) {
        List<HaltAfterCommit> faults = HaltAfterCommit.parse(value);
        LOGGER.warn("FAULT INJECTION ARMED ({}={}): this JVM halts with status {} right after the named unit of work"
                + " commits. For tests only: never set it in production.", PROPERTY, value,
                HaltAfterCommitInterceptor.HALT_STATUS);
        return new ArmedFaults(faults);
    }

    /** Marks the handlings that ran a handler method, the only ones that count (Axon picks the bean up). */
    @Bean
    HandlerInvocations sagashopHandlerInvocations() {
        return new HandlerInvocations();
    }

    @Bean
    ConfigurerModule sagashopHaltAfterCommitProcessors(ArmedFaults armed) {
        List<HaltAfterCommit> onProcessors = armed.faults().stream()
                .filter(fault -> !fault.handler().equals(HaltAfterCommit.DEADLINES)).toList();
        return configurer -> {
            configurer.eventProcessing(processing -> onProcessors.forEach(fault -> processing.registerHandlerInterceptor(
                    fault.handler(), config -> new HaltAfterCommitInterceptor<EventMessage<?>>(fault))));
            configurer.onInitialize(config -> config.onStart(Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS, () -> {
                Set<String> processors = new TreeSet<>(config.eventProcessingConfiguration().eventProcessors().keySet());
                onProcessors.stream().filter(fault -> !processors.contains(fault.handler())).findFirst().ifPresent(fault -> {
                    throw new IllegalStateException(PROPERTY + ": this service has no event processor '" + fault.handler()
                            + "'; it has " + processors + " (or '" + HaltAfterCommit.DEADLINES + "' for the deadline manager)");
                });
            }));
        };
    }

    @Bean
    SmartInitializingSingleton sagashopHaltAfterCommitDeadlines(ArmedFaults armed,
                                                               ObjectProvider<DeadlineManager> deadlineManager) {
        return () -> armed.faults().stream()
                .filter(fault -> fault.handler().equals(HaltAfterCommit.DEADLINES))
                .forEach(fault -> {
                    DeadlineManager manager = deadlineManager.getIfUnique();
                    if (manager == null) {
                        throw new IllegalStateException(PROPERTY + ": '" + fault + "' names the deadline manager, and this"
                                + " service has none (or several)");
                    }
                    manager.registerHandlerInterceptor(new HaltAfterCommitInterceptor<>(fault));
                });
    }
}
