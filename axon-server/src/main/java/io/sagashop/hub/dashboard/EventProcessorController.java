package io.sagashop.hub.dashboard;

import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.EventProcessorInstructions;
import io.sagashop.hub.platform.EventProcessorInstructions.ProcessorAddress;
import io.sagashop.hub.platform.InstructionOutcome;
import io.sagashop.hub.platform.InstructionOutcome.Status;
import io.sagashop.hub.platform.UnknownTargetException;
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
 * 504 when one does not answer within {@code hub.instructions.timeout}.
 */
@RestController
@RequestMapping("/v1/components/{component}/processors")
class EventProcessorController {

    private final ClientRegistry registry;
    private final EventProcessorInstructions instructions;
    private final HubProperties properties;

    EventProcessorController(ClientRegistry registry, EventProcessorInstructions instructions,
                             HubProperties properties) {
        this.registry = registry;
        this.instructions = instructions;
        this.properties = properties;
    }

    @GetMapping
    List<ProcessorView> processors(@PathVariable String component,
                                   @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        if (!properties.servesContext(context)) {
            throw new UnknownTargetException("Unknown context '" + context + "': this hub serves " + properties.contexts());
        }
        return ProcessorView.of(component, registry.inContext(context));
    }

    @PatchMapping("/{processor}/pause")
    CompletableFuture<ResponseEntity<Object>> pause(@PathVariable String component, @PathVariable String processor,
                                                    @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context,
                                                    @RequestParam(required = false) String tokenStoreIdentifier) {
        return answer(instructions.pause(new ProcessorAddress(context, component, processor, tokenStoreIdentifier)));
    }

    @PatchMapping("/{processor}/start")
    CompletableFuture<ResponseEntity<Object>> start(@PathVariable String component, @PathVariable String processor,
                                                    @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context,
                                                    @RequestParam(required = false) String tokenStoreIdentifier) {
        return answer(instructions.start(new ProcessorAddress(context, component, processor, tokenStoreIdentifier)));
    }

    @PatchMapping("/{processor}/segments/split")
    CompletableFuture<ResponseEntity<Object>> split(@PathVariable String component, @PathVariable String processor,
                                                    @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context,
                                                    @RequestParam(required = false) String tokenStoreIdentifier) {
        return answer(instructions.split(new ProcessorAddress(context, component, processor, tokenStoreIdentifier)));
    }

    @PatchMapping("/{processor}/segments/merge")
    CompletableFuture<ResponseEntity<Object>> merge(@PathVariable String component, @PathVariable String processor,
                                                    @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context,
                                                    @RequestParam(required = false) String tokenStoreIdentifier) {
        return answer(instructions.merge(new ProcessorAddress(context, component, processor, tokenStoreIdentifier)));
    }

    @PatchMapping("/{processor}/segments/{segment}/move")
    CompletableFuture<ResponseEntity<Object>> move(@PathVariable String component, @PathVariable String processor,
                                                   @PathVariable int segment, @RequestParam String target,
                                                   @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context,
                                                   @RequestParam(required = false) String tokenStoreIdentifier) {
        return answer(instructions.move(new ProcessorAddress(context, component, processor, tokenStoreIdentifier),
                segment, target));
    }

    private static CompletableFuture<ResponseEntity<Object>> answer(CompletableFuture<List<InstructionOutcome>> outcomes) {
        return outcomes.thenApply(EventProcessorController::toResponse);
    }

    static ResponseEntity<Object> toResponse(List<InstructionOutcome> outcomes) {
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
