package io.sagashop.platform.test.app;

import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.web.MultiLineText;
import io.sagashop.platform.test.app.WidgetMessages.CreateWidget;
import io.sagashop.platform.test.app.WidgetMessages.PolishWidget;
import io.sagashop.platform.test.app.WidgetMessages.RenameWidget;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WidgetController {

    private final CommandGateway commands;

    WidgetController(CommandGateway commands) {
        this.commands = commands;
    }

    enum Finish { MATT, GLOSS }

    /** {@code finish} and {@code note} only show the platform's strict JSON at work. */
    record NewWidget(@NotBlank @Size(max = 40) String name, @Positive int quantity, Finish finish,
                     @MultiLineText String note) {
    }

    record NewName(@NotBlank String name) {
    }

    @PostMapping("/widgets")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@Valid @RequestBody NewWidget request) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateWidget(id, request.name(), request.quantity()));
        return Map.of("id", id);
    }

    @PutMapping("/widgets/{id}/name")
    void rename(@PathVariable String id, @Valid @RequestBody NewName request) {
        commands.send(new RenameWidget(id, request.name())).join();
    }

    @PostMapping("/widgets/{id}/polish")
    void polish(@PathVariable String id) {
        commands.sendAndWait(new PolishWidget(id));
    }

    @GetMapping("/me")
    Map<String, Object> me() {
        return Map.of("id", CurrentUser.id(), "roles", CurrentUser.roles(), "admin", CurrentUser.isAdmin());
    }

    @GetMapping("/public/ping")
    String ping() {
        return "pong";
    }
}
