package io.sagashop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.notification.api.DeliveryStatus;
import io.sagashop.notification.api.NotificationChannel;
import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.notification.contact.Contact;
import io.sagashop.notification.message.NoticeTemplates;
import io.sagashop.notification.message.OrderNotice;
import io.sagashop.order.api.OrderLine;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The once-per-outcome rule and the retries, against a real SMTP server (GreenMail) and an in-memory delivery log. */
class NotifierTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    private final InMemoryDeliveryLog deliveries = new InMemoryDeliveryLog();
    private final List<String> sms = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final Map<String, Contact> contacts = Map.of(
            "ann", new Contact("ann", "ann@example.com", "Ann", null, true, false),
            "bob", new Contact("bob", "bob@example.com", "Bob", "+4915100000001", true, true),
            "cid", new Contact("cid", "cid@example.com", "Cid", null, true, true));
    private final JavaMailSenderImpl mailer = new JavaMailSenderImpl();
    private MailChannel mail;
    private Notifier notifier;

    @BeforeEach
    void wire() {
        mailer.setHost("127.0.0.1");
        mailer.setPort(SMTP.getSmtp().getPort());
        NotificationSettings settings = new NotificationSettings("Sagashop <orders@sagashop.local>",
                new NotificationSettings.Retry(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)),
                new NotificationSettings.Smtp(true, Duration.ofSeconds(30)));
        mail = new MailChannel(mailer, settings);
        notifier = new Notifier(id -> Optional.ofNullable(contacts.get(id)), new NoticeTemplates(), mail,
                (phone, text, reference) -> sms.add(phone + ": " + text), deliveries,
                new Retrying(settings.retry(), duration -> waits.add(duration)));
    }

    @AfterEach
    void closeConnections() {
        mail.close();
    }

    @Test
    void theSameOutcomeTwiceSendsOneMail() throws Exception {
        notifier.notify(confirmed("order-1", "ann"));
        notifier.notify(confirmed("order-1", "ann"));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()).extracting(Object::toString).containsExactly("ann@example.com");
        assertThat(received[0].getSubject()).contains("order-1");
        assertThat(deliveries.rows.get(new DeliveryKey("order-1", NotificationOutcome.CONFIRMED, NotificationChannel.EMAIL)))
                .extracting(InMemoryDeliveryLog.Row::status, InMemoryDeliveryLog.Row::attempts)
                .containsExactly(DeliveryStatus.SENT, 1);
    }

    @Test
    void anotherOutcomeOfTheSameOrderIsANewNotification() {
        notifier.notify(confirmed("order-2", "ann"));
        notifier.notify(new OrderNotice("order-2", "ann", NotificationOutcome.REFUNDED, List.of(), new BigDecimal("9.90"),
                "EUR", null, null, false));

        assertThat(SMTP.getReceivedMessages()).hasSize(2);
    }

    @Test
    void anSmsGoesOnlyToWhoWantsItAndHasAPhone() {
        notifier.notify(confirmed("order-3", "bob"));
        notifier.notify(confirmed("order-3", "bob"));
        notifier.notify(confirmed("order-4", "cid"));
        notifier.notify(confirmed("order-5", "ann"));

        assertThat(sms).containsExactly("+4915100000001: Sagashop: order order-3 is confirmed. Total 19.90 EUR.");
        assertThat(SMTP.getReceivedMessages()).hasSize(3);
    }

    @Test
    void aRefusingServerIsTriedWithGrowingWaitsThenTheFailureIsRecordedAndThrown() throws IOException {
        mailer.setPort(portNobodyListensOn());

        assertThatThrownBy(() -> notifier.notify(confirmed("order-6", "ann")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("order-6");

        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        InMemoryDeliveryLog.Row row = deliveries.rows.get(
                new DeliveryKey("order-6", NotificationOutcome.CONFIRMED, NotificationChannel.EMAIL));
        assertThat(row.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void afterAFailureTheNextTrySendsOnceAndNeverAgain() throws IOException {
        mailer.setPort(portNobodyListensOn());
        assertThatThrownBy(() -> notifier.notify(confirmed("order-7", "ann"))).isInstanceOf(NotificationFailedException.class);

        mailer.setPort(SMTP.getSmtp().getPort());
        notifier.notify(confirmed("order-7", "ann"));
        notifier.notify(confirmed("order-7", "ann"));

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(deliveries.rows.get(new DeliveryKey("order-7", NotificationOutcome.CONFIRMED, NotificationChannel.EMAIL)))
                .extracting(InMemoryDeliveryLog.Row::status, InMemoryDeliveryLog.Row::attempts)
                .containsExactly(DeliveryStatus.SENT, 4);
    }

    @Test
    void aKeptConnectionTheServerDroppedCostsNoAttemptAndNoWait() throws IOException {
        try (TcpRelay relay = new TcpRelay(SMTP.getSmtp().getPort())) {
            mailer.setPort(relay.port());
            notifier.notify(confirmed("order-10", "ann"));

            relay.cutAll();
            notifier.notify(confirmed("order-11", "ann"));

            assertThat(SMTP.getReceivedMessages()).hasSize(2);
            assertThat(relay.connectionsMade()).isEqualTo(2);
            assertThat(waits).isEmpty();
            assertThat(deliveries.rows.get(new DeliveryKey("order-11", NotificationOutcome.CONFIRMED, NotificationChannel.EMAIL)))
                    .extracting(InMemoryDeliveryLog.Row::status, InMemoryDeliveryLog.Row::attempts)
                    .containsExactly(DeliveryStatus.SENT, 1);
        }
    }

    @Test
    void aPendingRecordLeftByACrashIsSentAgain() {
        deliveries.open(new DeliveryKey("order-8", NotificationOutcome.CONFIRMED, NotificationChannel.EMAIL), "ann",
                "ann@example.com");

        notifier.notify(confirmed("order-8", "ann"));

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anUnknownCustomerFailsTheEventAndSendsNothing() {
        assertThatThrownBy(() -> notifier.notify(confirmed("order-9", "nobody")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("no contact details for customer nobody");

        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(deliveries.rows).isEmpty();
    }

    private static OrderNotice confirmed(String orderId, String customer) {
        return new OrderNotice(orderId, customer, NotificationOutcome.CONFIRMED,
                List.of(new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 2, new BigDecimal("9.95"))),
                new BigDecimal("19.90"), "EUR", null, null, false);
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
