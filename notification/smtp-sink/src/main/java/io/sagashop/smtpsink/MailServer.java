package io.sagashop.smtpsink;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * GreenMail's SMTP server, started and stopped with the application, and its mails as
 * {@link ReceivedMail}s: at most {@code sink.smtp.keep} of them, the newest. Older ones are
 * forgotten once a second and before every listing.
 */
@Component
class MailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailServer.class);

    private final GreenMail greenMail;
    private final int keep;
    private ScheduledExecutorService trimming;
    private volatile boolean running;

    MailServer(SmtpSinkProperties settings) {
        this.greenMail = new GreenMail(new ServerSetup(settings.port(), settings.bindAddress(), ServerSetup.PROTOCOL_SMTP));
        this.keep = settings.keep();
    }

    @Override
    public void start() {
        greenMail.start();
        trimming = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smtp-sink-trimming");
            thread.setDaemon(true);
            return thread;
        });
        trimming.scheduleWithFixedDelay(this::keepNewestLogged, 1, 1, TimeUnit.SECONDS);
        running = true;
    }

    @Override
    public void stop() {
        trimming.shutdownNow();
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
        keepNewest();
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

    /** Forgets all but the newest {@code keep} mails, over every recipient's mailbox. */
    synchronized void keepNewest() {
        ImapHostManager mailboxes = greenMail.getManagers().getImapHostManager();
        List<StoredMessage> all = mailboxes.getAllMessages();
        int surplus = all.size() - keep;
        if (surplus <= 0) {
            return;
        }
        all.stream()
                .sorted(Comparator.comparing(StoredMessage::getReceivedDate).thenComparingLong(StoredMessage::getUid))
                .limit(surplus)
                .forEach(oldest -> oldest.setFlag(Flags.Flag.DELETED, true));
        try {
            for (GreenMailUser recipient : greenMail.getUserManager().listUser()) {
                mailboxes.getInbox(recipient).expunge();
            }
        } catch (FolderException e) {
            throw new IllegalStateException("could not forget the oldest mails", e);
        }
    }

    /** On the timer: a failure is logged, and the next run tries again. */
    private void keepNewestLogged() {
        try {
            keepNewest();
        } catch (RuntimeException e) {
            log.warn("Could not forget the oldest mails", e);
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
