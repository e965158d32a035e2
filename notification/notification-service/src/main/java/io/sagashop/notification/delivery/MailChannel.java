package io.sagashop.notification.delivery;

import io.sagashop.notification.message.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one rendered mail over SMTP as multipart/alternative (plain text and HTML): over a kept
 * connection ({@link SmtpConnections}), or with {@code sagashop.notification.smtp.reuse-connection=false}
 * over a connection of its own, as Spring's {@link JavaMailSenderImpl} sends. Either way a failed
 * send throws a {@code MailException}. Closing it (Spring does, at shutdown) closes the kept connections.
 */
@Component
class MailChannel implements AutoCloseable {

    private final JavaMailSenderImpl mailer;
    private final NotificationSettings settings;
    /** Null when connections are not reused. */
    private final SmtpConnections connections;

    @Autowired
    MailChannel(JavaMailSenderImpl mailer, NotificationSettings settings) {
        this(mailer, settings, InstantSource.system());
    }

    /** With the clock that ages idle connections. */
    MailChannel(JavaMailSenderImpl mailer, NotificationSettings settings, InstantSource clock) {
        this.mailer = mailer;
        this.settings = settings;
        this.connections = settings.smtp().reuseConnection()
                ? new SmtpConnections(mailer, settings.smtp().idleTimeout(), clock)
                : null;
    }

    void send(String to, RenderedMail mail) {
        MimeMessage message = mailer.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.mailFrom());
            helper.setTo(to);
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        if (connections != null) {
            connections.send(message);
        } else {
            mailer.send(message);
        }
    }

    @Override
    public void close() {
        if (connections != null) {
            connections.close();
        }
    }
}
