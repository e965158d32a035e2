package io.sagashop.notification.delivery;

import io.sagashop.notification.message.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends one rendered mail over SMTP as multipart/alternative (plain text and HTML). */
@Component
class MailChannel {

    private final JavaMailSender mailer;
    private final NotificationSettings settings;

    MailChannel(JavaMailSender mailer, NotificationSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
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
        mailer.send(message);
    }
}
