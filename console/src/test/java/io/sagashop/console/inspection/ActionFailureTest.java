package io.sagashop.console.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.connector.ErrorCategory;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
import io.sagashop.inspection.web.InspectionClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.junit.jupiter.api.Test;

/** What an operator is told when an action fails, by what failed (the status the page shows). */
class ActionFailureTest {

    private static final SagaActionCommand END = new SagaActionCommand("OrderSaga", "s-1", SagaAction.END, "ops", "why");
    private static final String NAME = SagaActionCommand.commandName("OrderSaga");

    @Test
    void noHandlerIsUnavailableNamingTheCommand() {
        InspectionClientException e = AxonInspectionClient.failure(END, NAME, new NoHandlerForCommandException("none"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains(NAME, "OrderSaga");
    }

    @Test
    void theApplicationsRefusalKeepsItsStatusAndWords() {
        assertThat(refusal(Map.of("status", 409, "message", "over"))).isEqualTo(409);
        assertThat(refusal(Map.of("status", 404))).isEqualTo(404);
        assertThat(refusal(Map.of("status", 400, "field", "reason"))).isEqualTo(400);
        // Any other status, or details an application of another library sends, is a refusal.
        assertThat(refusal(Map.of("status", 500))).isEqualTo(409);
        assertThat(refusal("not a map")).isEqualTo(409);
        assertThat(refusal(null)).isEqualTo(409);
        InspectionClientException e = AxonInspectionClient.failure(END, NAME,
                new CompletionException(new CommandExecutionException("saga s-1 is over (COMPLETED)", null, null)));
        assertThat(e.getMessage()).isEqualTo("saga s-1 is over (COMPLETED)");
    }

    @Test
    void axonServerRefusingTheDispatchIsABadGatewayNamingTheToken() {
        InspectionClientException e = AxonInspectionClient.failure(END, NAME, new CompletionException(
                new io.axoniq.axonserver.connector.AxonServerException(ErrorCategory.COMMAND_DISPATCH_ERROR,
                        "Received exception while dispatching command", "hub",
                        List.of("Permission denied: application 'console' may not dispatch command x"), null)));
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("Permission denied", "axon.axonserver.token", NAME);
    }

    private static int refusal(Object details) {
        return AxonInspectionClient.failure(END, NAME, new CommandExecutionException("refused", null, details)).status();
    }
}
