package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.junit.jupiter.api.Test;

/** The step table is the saga's: every step has a row, every answer a handler, and docs/saga.md shows the table as declared. */
class StepTableTest {

    @Test
    void everyStepButTheEndHasARow() {
        assertThat(StepTable.steps()).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(SagaStep.DONE)));
    }

    @Test
    void theSagaHandlesEveryAnswerTheTableNames() {
        Set<Class<?>> handled = java.util.stream.Stream.of(StepSaga.class, OrderSaga.class, OrderCancellationSaga.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(SagaEventHandler.class))
                .map(method -> method.getParameterTypes()[0]).collect(Collectors.toSet());

        for (StepTable row : StepTable.values()) {
            assertThat(handled).as("answers of " + row).containsAll(row.answers());
        }
    }

    @Test
    void forwardStepsAreExactlyThoseTheOrderDeadlineBounds() {
        assertThat(Arrays.stream(StepTable.values()).filter(StepTable::forward).map(StepTable::step))
                .containsExactly(SagaStep.RESERVING_STOCK, SagaStep.AWAITING_PAYMENT);
    }

    @Test
    void docsSagaMdShowsTheTableAsDeclared() throws IOException {
        String doc = Files.readString(Path.of("../../docs/saga.md"));
        // For whoever changes the table: the text to paste into docs/saga.md.
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("step-table.md"), StepTable.markdown());

        assertThat(doc).as("docs/saga.md must contain StepTable.markdown() verbatim").contains(StepTable.markdown());
    }

    @Test
    void everyCommandTheTableNamesIsOneItsRowsBuild() throws IOException {
        // The engine sends only what a row's outstanding function builds, and those live in StepTable.
        String source = Files.readString(Path.of("src/main/java/io/sagashop/order/saga/StepTable.java"));

        for (StepTable row : StepTable.values()) {
            for (Class<?> command : row.sends()) {
                assertThat(source).as(row + " sends " + command.getSimpleName()).contains("new " + command.getSimpleName() + "(");
            }
        }
    }

}
