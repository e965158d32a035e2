package io.sagashop.smtpsink;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /actuator/health}: UP while the SMTP server runs. The path and shape of Spring Boot
 * Actuator's answer, because {@code ./shop} and the e2e tests wait for every process on it; the
 * sink keeps its short explicit auto-configuration list instead of pulling in Actuator.
 */
@RestController
class HealthController {

    private final MailServer server;

    HealthController(MailServer server) {
        this.server = server;
    }

    @GetMapping("/actuator/health")
    ResponseEntity<Map<String, Object>> health() {
        boolean up = server.isRunning();
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", up ? "UP" : "DOWN", "smtpPort", server.smtpPort()));
    }
}
