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
        Set<Class<?>> handled = Arrays.stream(OrderSaga.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(SagaEventHandler.class))
                .map(method -> method.getParameterTypes()[0]).collect(Collectors.toSet());

        for (StepTable row : StepTable.values()) {
            assertThat(handled).as("answers of " + row).containsAll(row.answers());
        }
    }

    @Test
    void docsSagaMdShowsTheTableAsDeclared() throws IOException {
        String doc = Files.readString(Path.of("../../docs/saga.md"));
        // For whoever changes the table: the text to paste into docs/saga.md.
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("step-table.md"), StepTable.markdown());

        assertThat(doc).as("docs/saga.md must contain StepTable.markdown() verbatim").contains(StepTable.markdown());
    }

    @Test
    void everyCommandTheTableNamesIsOneTheSagaSends() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/sagashop/order/saga/OrderSaga.java"));

        for (StepTable row : StepTable.values()) {
            for (Class<?> command : row.sends()) {
                assertThat(source).as(row + " sends " + command.getSimpleName()).contains("new " + command.getSimpleName() + "(");
            }
        }
    }

}
