package io.sagashop.smtpsink;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** GreenMail's SMTP server, started and stopped with the application, and its mails as {@link ReceivedMail}s. */
@Component
class MailServer implements SmartLifecycle {

    private final GreenMail greenMail;
    private volatile boolean running;

    MailServer(SmtpSinkProperties settings) {
        this.greenMail = new GreenMail(new ServerSetup(settings.port(), settings.bindAddress(), ServerSetup.PROTOCOL_SMTP));
    }

    @Override
    public void start() {
        greenMail.start();
        running = true;
    }

    @Override
    public void stop() {
        greenMail.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    List<ReceivedMail> mails() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(MailServer::read)
                .sorted(Comparator.comparing(ReceivedMail::receivedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not clear the mailboxes", e);
        }
    }

    private static ReceivedMail read(MimeMessage message) {
        try {
            Bodies bodies = new Bodies();
            bodies.collect(message);
            java.util.Date received = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
            return new ReceivedMail(addresses(message.getFrom()), addresses(message.getRecipients(Message.RecipientType.TO)),
                    message.getSubject(), bodies.text != null ? bodies.text : bodies.html, bodies.html,
                    received == null ? null : received.toInstant());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read a received mail", e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** The first text/plain and text/html parts, wherever they sit in the MIME tree. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
        }
    }

}
