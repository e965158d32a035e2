package io.sagashop.notification.deadletter;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dead-letters}: the events whose notifications failed after all retries.
 * {@code POST /dead-letters/retry}: handle them again (only what was not sent yet is sent).
 * Admins only.
 */
@RestController
@RequestMapping("/dead-letters")
@PreAuthorize("hasRole('ADMIN')")
class DeadLetterController {

    /** The answer to a retry: sequences that went through, and letters still queued. */
    record RetryResult(int succeeded, long remaining) {
    }

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetterView> list() {
        return deadLetters.list();
    }

    @PostMapping("/retry")
    @ResponseStatus(HttpStatus.OK)
    RetryResult retry() {
        int succeeded = deadLetters.retryAll();
        return new RetryResult(succeeded, deadLetters.size());
    }
}
