package io.sagashop.notification.delivery;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP connections kept open between mails, so that a mail costs MAIL, RCPT and DATA instead of a
 * new connection with its greeting, EHLO and QUIT as well. Made with the session, server and
 * credentials of Spring's {@link JavaMailSenderImpl} ({@code spring.mail.*}), read on every new
 * connection.
 *
 * <p>Each sending thread takes an idle connection (or opens one) and gives it back when its mail
 * was accepted, so the processor's segments never share one and there are never more
 * connections than threads sending at once. A connection unused for longer than the idle timeout
 * is closed rather than reused.
 *
 * <p>A kept connection may have been closed by the server, or broken, since its last mail; that
 * shows only when it is used. So a mail that fails on a kept connection is sent once more at once
 * on a new connection, and only the outcome on the new connection counts: a send fails exactly
 * when it fails on a fresh connection, as it did when every mail had its own, and the
 * {@link Notifier}'s retries and dead letters see the same failures as before. A connection that
 * failed is closed, never reused. (The second send can repeat a mail only if the server accepted
 * it but its reply was lost, which a retry could always do: SMTP is at-least-once.)
 */
final class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final JavaMailSenderImpl mailer;
    private final Duration idleTimeout;
    private final InstantSource clock;
    /** Most recently given back first, so that surplus connections age out at the end. Guarded by itself. */
    private final Deque<Idle> idle = new ArrayDeque<>();
    /** Guarded by {@link #idle}. */
    private boolean closed;

    private record Idle(Transport transport, Instant since) {
    }

    SmtpConnections(JavaMailSenderImpl mailer, Duration idleTimeout, InstantSource clock) {
        this.mailer = mailer;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Sends the message, on a kept connection if there is one; throws a {@code MailException} if it fails. */
    void send(MimeMessage message) {
        Address[] recipients = prepare(message);
        Transport kept = takeIdle();
        if (kept != null) {
            try {
                kept.sendMessage(message, recipients);
                giveBack(kept);
                return;
            } catch (MessagingException | RuntimeException e) {
                log.debug("A kept SMTP connection failed ({}); sending on a new one", e.toString());
                closeQuietly(kept);
            }
        }
        Transport fresh = connect();
        try {
            fresh.sendMessage(message, recipients);
        } catch (MessagingException e) {
            closeQuietly(fresh);
            throw new MailSendException("Sending the mail failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(fresh);
            throw e;
        }
        giveBack(fresh);
    }

    /** Closes the idle connections; a connection given back later is closed too. */
    @Override
    public void close() {
        List<Idle> closing;
        synchronized (idle) {
            closed = true;
            closing = new ArrayList<>(idle);
            idle.clear();
        }
        closing.forEach(connection -> closeQuietly(connection.transport()));
    }

    /**
     * What {@link JavaMailSenderImpl#send} does before handing a message to its transport: a date,
     * and the MIME headers brought up to date. Once per mail, before the first send, so that a
     * second send on a new connection is the same message with the same Message-ID.
     */
    private static Address[] prepare(MimeMessage message) {
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(new Date());
            }
            message.saveChanges();
            Address[] recipients = message.getAllRecipients();
            return recipients != null ? recipients : new Address[0];
        } catch (MessagingException e) {
            throw new MailSendException("Preparing the mail failed: " + e.getMessage(), e);
        }
    }

    private Transport takeIdle() {
        Transport taken = null;
        List<Transport> expired = new ArrayList<>();
        Instant oldest = clock.instant().minus(idleTimeout);
        synchronized (idle) {
            for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
                Idle connection = it.next();
                if (connection.since().isBefore(oldest)) {
                    it.remove();
                    expired.add(connection.transport());
                } else if (taken == null) {
                    it.remove();
                    taken = connection.transport();
                }
            }
        }
        // Outside the lock: QUIT waits for the server's answer.
        expired.forEach(SmtpConnections::closeQuietly);
        return taken;
    }

    private void giveBack(Transport transport) {
        synchronized (idle) {
            if (!closed) {
                idle.push(new Idle(transport, clock.instant()));
                return;
            }
        }
        closeQuietly(transport);
    }

    /** A new connection, as {@link JavaMailSenderImpl} opens one (an empty user name means none). */
    private Transport connect() {
        String username = mailer.getUsername();
        String password = mailer.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        Transport transport;
        try {
            transport = mailer.getSession().getTransport(protocol());
        } catch (NoSuchProviderException e) {
            throw new MailSendException("No mail transport for protocol " + protocol(), e);
        }
        try {
            transport.connect(mailer.getHost(), mailer.getPort(), username, password);
            return transport;
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException e) {
            closeQuietly(transport);
            throw new MailSendException("Mail server connection failed: " + e.getMessage(), e);
        }
    }

    private String protocol() {
        String protocol = mailer.getProtocol();
        if (protocol == null) {
            protocol = mailer.getSession().getProperty("mail.transport.protocol");
        }
        return protocol != null ? protocol : JavaMailSenderImpl.DEFAULT_PROTOCOL;
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed: {}", e.toString());
        }
    }
}
