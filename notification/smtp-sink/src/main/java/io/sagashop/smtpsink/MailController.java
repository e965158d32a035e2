package io.sagashop.smtpsink;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /mails[?to=]}: the received mails, oldest first. {@code DELETE /mails}: forget them. */
@RestController
@RequestMapping("/mails")
class MailController {

    private final MailServer server;

    MailController(MailServer server) {
        this.server = server;
    }

    @GetMapping
    List<ReceivedMail> mails(@RequestParam(required = false) String to) {
        return server.mails().stream()
                .filter(mail -> to == null || mail.to().stream().anyMatch(address -> address.equalsIgnoreCase(to)))
                .toList();
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        server.clear();
    }
}
