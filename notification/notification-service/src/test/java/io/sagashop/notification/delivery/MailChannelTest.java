package io.sagashop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.sagashop.notification.message.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Mails over kept SMTP connections, against a real SMTP server (GreenMail) behind a relay that
 * counts the connections and cuts or refuses them: one connection for many mails; a connection
 * the server dropped, or one idle for too long, is replaced and the mail still goes out; a server
 * that is down fails the send (for the notifier to retry); two threads never share a connection.
 */
class MailChannelTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final JavaMailSenderImpl mailer = new JavaMailSenderImpl();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T10:00:00Z"));
    private final List<MailChannel> channels = new ArrayList<>();
    private TcpRelay relay;

    @BeforeEach
    void relay() throws IOException {
        relay = new TcpRelay(SMTP.getSmtp().getPort());
        mailer.setHost("127.0.0.1");
        mailer.setPort(relay.port());
    }

    @AfterEach
    void close() {
        channels.forEach(MailChannel::close);
        relay.close();
    }

    @Test
    void mailsShareOneKeptConnection() throws Exception {
        MailChannel channel = channel(true);

        channel.send("ann@example.com", mail("one"));
        channel.send("bob@example.com", mail("two"));
        channel.send("cid@example.com", mail("three"));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).extracting(MailChannelTest::subject).containsExactly("one", "two", "three");
        assertThat(received).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("ann@example.com", "bob@example.com", "cid@example.com");
        // Prepared as JavaMailSenderImpl prepares it: dated, MIME headers, text and HTML.
        MimeMessage last = received[2];
        assertThat(last.getSentDate()).isNotNull();
        assertThat(last.getMessageID()).isNotBlank();
        assertThat(last.getContentType()).startsWith("multipart/");
        assertThat(GreenMailUtil.getBody(last)).contains("text of three", "<p>html of three</p>");
        assertThat(relay.connectionsMade()).isEqualTo(1);
        assertThat(relay.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void withReuseOffEveryMailHasAConnectionOfItsOwn() {
        MailChannel channel = channel(false);

        channel.send("ann@example.com", mail("one"));
        channel.send("ann@example.com", mail("two"));
        channel.send("ann@example.com", mail("three"));

        assertThat(SMTP.getReceivedMessages()).hasSize(3);
        assertThat(relay.connectionsMade()).isEqualTo(3);
        await().until(relay::connectionsOpen, open -> open == 0);
    }

    @Test
    void aKeptConnectionTheServerDroppedIsReplacedAndTheMailStillGoesOut() {
        MailChannel channel = channel(true);
        channel.send("ann@example.com", mail("before"));

        relay.cutAll();
        channel.send("ann@example.com", mail("after"));

        assertThat(SMTP.getReceivedMessages()).extracting(MailChannelTest::subject).containsExactly("before", "after");
        assertThat(relay.connectionsMade()).isEqualTo(2);
    }

    @Test
    void aConnectionIdleForLongerThanTheTimeoutIsClosedInsteadOfReused() {
        MailChannel channel = channel(true);
        channel.send("ann@example.com", mail("first"));

        now.set(now.get().plus(IDLE_TIMEOUT).minusSeconds(1));
        channel.send("ann@example.com", mail("still within the idle timeout"));
        assertThat(relay.connectionsMade()).isEqualTo(1);

        now.set(now.get().plus(IDLE_TIMEOUT).plusSeconds(1));
        channel.send("ann@example.com", mail("after the idle timeout"));

        assertThat(SMTP.getReceivedMessages()).hasSize(3);
        assertThat(relay.connectionsMade()).isEqualTo(2);
        await().until(relay::connectionsOpen, open -> open == 1);
    }

    @Test
    void aServerThatIsDownFailsTheSendAndOnceItIsBackTheNextSendGoesOut() {
        MailChannel channel = channel(true);
        channel.send("ann@example.com", mail("before"));

        relay.refuse(true);
        relay.cutAll();
        assertThatThrownBy(() -> channel.send("ann@example.com", mail("while down")))
                .isInstanceOf(MailSendException.class)
                .hasMessageContaining("connection failed");
        relay.refuse(false);
        channel.send("ann@example.com", mail("back"));

        assertThat(SMTP.getReceivedMessages()).extracting(MailChannelTest::subject).containsExactly("before", "back");
        // The kept one, a refused one, a new one.
        assertThat(relay.connectionsMade()).isEqualTo(3);
    }

    @Test
    void twoThreadsSendingAtOnceNeverShareAConnection() throws Exception {
        MailChannel channel = channel(true);
        int perThread = 15;
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (String who : List.of("ann", "bob")) {
                sending.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        channel.send(who + "@example.com", mail(who + " " + i));
                    }
                    return null;
                }));
            }
            for (Future<?> done : sending) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2 * perThread);
        assertThat(Arrays.stream(received).filter(m -> subject(m).startsWith("ann ")))
                .allSatisfy(m -> assertThat(m.getAllRecipients()[0]).hasToString("ann@example.com"))
                .hasSize(perThread);
        assertThat(relay.connectionsMade()).isBetween(1, 2);
    }

    @Test
    void closingClosesTheKeptConnectionsAndAMailAfterwardsStillGoesOut() {
        MailChannel channel = channel(true);
        channel.send("ann@example.com", mail("before"));

        channel.close();
        await().until(relay::connectionsOpen, open -> open == 0);
        channel.send("ann@example.com", mail("after"));

        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        await().until(relay::connectionsOpen, open -> open == 0);
    }

    private MailChannel channel(boolean reuse) {
        NotificationSettings settings = new NotificationSettings("Sagashop <orders@sagashop.local>",
                new NotificationSettings.Retry(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)),
                new NotificationSettings.Smtp(reuse, IDLE_TIMEOUT));
        MailChannel channel = new MailChannel(mailer, settings, now::get);
        channels.add(channel);
        return channel;
    }

    private static RenderedMail mail(String subject) {
        return new RenderedMail(subject, "text of " + subject, "<p>html of " + subject + "</p>");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
