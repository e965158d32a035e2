package io.sagashop.hub.dashboard;

import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.platform.EventProcessorInstructions;
import io.sagashop.hub.platform.EventProcessorInstructions.ProcessorAddress;
import io.sagashop.hub.platform.InstructionOutcome;
import io.sagashop.hub.platform.InstructionOutcome.Status;
import io.sagashop.hub.signin.AuditTrail;
import io.sagashop.hub.signin.Operator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Axon Server's event processor endpoints. Unlike Axon Server, an instruction answers only once the
 * clients report its result: 200 with the outcome per instance, 502 when a client reports failure,
 * 504 when one does not answer within {@code hub.instructions.timeout}. Each instruction is
 * recorded in the audit trail under the signed-in operator's name.
 */
@RestController
@RequestMapping("/v1/components/{component}/processors")
class EventProcessorController {

    private final EventProcessorInstructions instructions;
    private final ProcessorHeads heads;
    private final AuditTrail audit;

    EventProcessorController(EventProcessorInstructions instructions, ProcessorHeads heads, AuditTrail audit) {
        this.instructions = instructions;
        this.heads = heads;
        this.audit = audit;
    }

    @GetMapping
    List<ProcessorView> processors(@PathVariable String component,
                                   @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        return ProcessorView.of(instructions.instancesOf(context, component), heads.head(context));
    }

    // The address binds from the path ({component}, {processor}) and the query (context, tokenStoreIdentifier).

    @PatchMapping("/{processor}/pause")
    CompletableFuture<ResponseEntity<Object>> pause(ProcessorAddress address, HttpServletRequest http) {
        return answer(Operator.of(http), "pause", address, instructions.pause(address));
    }

    @PatchMapping("/{processor}/start")
    CompletableFuture<ResponseEntity<Object>> start(ProcessorAddress address, HttpServletRequest http) {
        return answer(Operator.of(http), "start", address, instructions.start(address));
    }

    @PatchMapping("/{processor}/segments/split")
    CompletableFuture<ResponseEntity<Object>> split(ProcessorAddress address, HttpServletRequest http) {
        return answer(Operator.of(http), "split segment", address, instructions.split(address));
    }

    @PatchMapping("/{processor}/segments/merge")
    CompletableFuture<ResponseEntity<Object>> merge(ProcessorAddress address, HttpServletRequest http) {
        return answer(Operator.of(http), "merge segments", address, instructions.merge(address));
    }

    @PatchMapping("/{processor}/segments/{segment}/move")
    CompletableFuture<ResponseEntity<Object>> move(ProcessorAddress address, @PathVariable int segment,
                                                   @RequestParam String target, HttpServletRequest http) {
        return answer(Operator.of(http), "move segment " + segment + " to " + target, address,
                instructions.move(address, segment, target));
    }

    private CompletableFuture<ResponseEntity<Object>> answer(Operator operator, String action, ProcessorAddress address,
                                                             CompletableFuture<List<InstructionOutcome>> outcomes) {
        String target = "processor " + address.processor() + " of " + address.component() + " in " + address.context();
        return outcomes.whenComplete((results, error) -> audit.record(operator, action, target,
                        error != null ? "refused: " + error.getMessage()
                                : results.stream().allMatch(InstructionOutcome::succeeded) ? "done" : "failed on some instances"))
                .thenApply(EventProcessorController::toResponse);
    }

    private static ResponseEntity<Object> toResponse(List<InstructionOutcome> outcomes) {
        List<InstructionOutcome> unsuccessful = outcomes.stream().filter(o -> !o.succeeded()).toList();
        if (unsuccessful.isEmpty()) {
            return ResponseEntity.ok(outcomes);
        }
        boolean onlyTimeouts = unsuccessful.stream().allMatch(o -> o.status() == Status.TIMED_OUT);
        HttpStatus status = onlyTimeouts ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        ProblemDetail problem = ProblemResponses.problem(status,
                onlyTimeouts ? "Client did not answer" : "Client reported failure",
                unsuccessful.stream().map(EventProcessorController::describe).collect(Collectors.joining("; ")));
        problem.setProperty("results", outcomes);
        return ResponseEntity.status(status).body(problem);
    }

    private static String describe(InstructionOutcome o) {
        String error = o.errorCode().isEmpty() ? o.errorMessage() : "[" + o.errorCode() + "] " + o.errorMessage();
        return o.clientId() + ": " + o.instruction() + ": " + o.status() + (error.isEmpty() ? "" : " - " + error);
    }
}
