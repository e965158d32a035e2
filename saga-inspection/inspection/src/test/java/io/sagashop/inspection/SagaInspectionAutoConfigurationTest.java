package io.sagashop.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the library switches itself on, and what it gives an application. */
class SagaInspectionAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SagaInspectionAutoConfiguration.class))
            .withBean(DataSource.class, () -> mock(DataSource.class))
            .withPropertyValues("spring.application.name=toy");

    @Test
    void anAxonApplicationGetsTheJournalAndTheHandlers() {
        runner.withBean(CommandBus.class, () -> SimpleCommandBus.builder().build()).run(context -> {
            assertThat(context).hasSingleBean(SagaJournal.class).hasSingleBean(SagaJournalReader.class)
                    .hasSingleBean(SagaInspectionQueries.class).hasSingleBean(SagaActionHandlers.class)
                    .hasSingleBean(SagaJournalRetention.class).hasSingleBean(SagaInspectionMetrics.class);
        });
    }

    @Test
    void aSpringApplicationWithoutAxonsCommandBusGetsNothing() {
        // The hub started inside a service's test JVM: a DataSource, Axon's classes, no Axon.
        runner.run(context -> assertThat(context).doesNotHaveBean(SagaJournal.class)
                .doesNotHaveBean(SagaInspectionQueries.class).doesNotHaveBean(SagaInspectionHousekeeping.class));
    }

    @Test
    void switchedOffItGivesNothing() {
        runner.withBean(CommandBus.class, () -> SimpleCommandBus.builder().build())
                .withPropertyValues("sagashop.inspection.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SagaJournal.class));
    }

    @Test
    void axonsDefaultRoutingSendsActionsBySagaId() {
        RoutingStrategy routing = AnnotationRoutingStrategy.defaultStrategy();

        assertThat(routing.getRoutingKey(new GenericCommandMessage<>(new GenericMessage<>(
                new SagaActionCommand("T", "saga-7", SagaAction.RETRY, "ops", null)), SagaActionCommand.commandName("T"))))
                .isEqualTo("saga-7");
    }

    @Test
    void theSettingsHaveTheirDefaultsAndRefuseNonsense() {
        SagaInspectionProperties defaults = SagaInspectionProperties.defaults("toy");
        assertThat(defaults.stuckAfter()).hasSeconds(60);
        assertThat(defaults.retention()).hasDays(7);
        assertThat(defaults.associationTable()).isEqualTo("association_value_entry");
        runner.withBean(CommandBus.class, () -> SimpleCommandBus.builder().build())
                .withPropertyValues("sagashop.inspection.stuck-after=-1s")
                .run(context -> assertThat(context).hasFailed());
        runner.withBean(CommandBus.class, () -> SimpleCommandBus.builder().build())
                .withPropertyValues("sagashop.inspection.association-table=x; DROP TABLE y")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aTypeWithoutActionsSubscribesNoHandler() {
        CommandBus bus = SimpleCommandBus.builder().build();
        InspectedSagaType quiet = new InspectedSagaType() {
            @Override
            public String sagaType() {
                return "Quiet";
            }

            @Override
            public Set<SagaAction> actions() {
                return Set.of();
            }

            @Override
            public void act(SagaActionRequest request) {
                throw new AssertionError("never");
            }
        };
        SagaActionHandlers handlers = new SagaActionHandlers(bus, java.util.List.of(quiet), null);

        handlers.start();

        assertThat(handlers.isRunning()).isFalse();
    }
}
