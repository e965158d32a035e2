package io.sagashop.hub.dashboard;

import io.sagashop.hub.platform.ClientRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the connected applications and their instances, for operators and the dashboard. */
@RestController
class ApplicationController {

    private final ClientRegistry registry;

    ApplicationController(ClientRegistry registry) {
        this.registry = registry;
    }

    /** Every connected application, or those of one context. */
    @GetMapping("/v1/public/applications")
    List<ApplicationView> applications(@RequestParam(required = false) String context) {
        return ApplicationView.of(context == null ? registry.all() : registry.inContext(context));
    }
}
