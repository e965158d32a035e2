package io.sagashop.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.notification.api.DeliveryStatus;
import io.sagashop.notification.api.FindNotificationsQuery;
import io.sagashop.notification.api.NotificationChannel;
import io.sagashop.notification.api.NotificationListView;
import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.notification.api.NotificationView;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserRegistered;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on MariaDB and the hub in this JVM, with a real SMTP server (GreenMail) on a
 * port of its own: events published through the hub's event store lead to mails, exactly once;
 * a refusing SMTP server leads to retries, a dead letter visible over HTTP, and after a retry
 * with the server back, one mail.
 */
@ServiceTest(properties = {
        "sagashop.notification.retry.max-attempts=3",
        "sagashop.notification.retry.initial-backoff=50ms",
        "sagashop.notification.retry.max-backoff=200ms"})
class NotificationServiceTest {

    private static final int SMTP_PORT = freePort();

    // One server for the class (the application's mail settings point at its fixed port), stopped
    // and started again by the test that needs a refusing server.
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private static final List<OrderLine> LINES = List.of(
            new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 2, new BigDecimal("12.45")),
            new OrderLine(ProductId.of("p-2"), "TEA-02", "Green tea", 1, new BigDecimal("34.90")));
    private static final BigDecimal TOTAL = new BigDecimal("59.80");

    @Autowired
    EventGateway events;
    @Autowired
    QueryGateway queries;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anOrderConfirmedThroughTheHubSendsExactlyOneMailToTheCustomerWithTheTotal() throws Exception {
        String customer = UUID.randomUUID().toString();
        String email = "ann-" + customer + "@example.com";
        OrderId order = OrderId.generate();
        events.publish(registered(customer, email, null, NotificationPreferences.defaults()));
        OrderConfirmed confirmed = new OrderConfirmed(order, customer, LINES, TOTAL, "EUR", PaymentId.of("pay-" + order));

        events.publish(confirmed);
        events.publish(confirmed);
        // The same customer's next event is handled after both copies (one sequence per customer):
        // once its mail is there, a second mail for the first order would be there too.
        OrderId later = OrderId.generate();
        events.publish(new OrderRejected(later, customer, LINES, TOTAL, "EUR", RejectionReason.OUT_OF_STOCK, "only 1 left"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 2);

        List<MimeMessage> aboutTheOrder = mailsTo(email).stream().filter(m -> subject(m).contains(order.value())).toList();
        assertThat(aboutTheOrder).hasSize(1);
        MimeMessage mail = aboutTheOrder.get(0);
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(email);
        assertThat(GreenMailUtil.getBody(mail)).contains("59.80 EUR", "Blue mug");
        NotificationView view = single(queries.query(FindNotificationsQuery.byOrder(order.value()),
                NotificationListView.class).join());
        assertThat(view.channel()).isEqualTo(NotificationChannel.EMAIL);
        assertThat(view.outcome()).isEqualTo(NotificationOutcome.CONFIRMED);
        assertThat(view.recipient()).isEqualTo(email);
        assertThat(view.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view.attempts()).isEqualTo(1);
        assertThat(view.sentAt()).isNotNull();
    }

    @Test
    void aRefusingSmtpServerLeadsToRetriesAndADeadLetterAndARetryWithTheServerBackDeliversOnce() throws Exception {
        String customer = UUID.randomUUID().toString();
        String email = "bob-" + customer + "@example.com";
        OrderId order = OrderId.generate();
        SMTP.stop();
        try {
            events.publish(registered(customer, email, null, NotificationPreferences.defaults()));
            events.publish(new OrderConfirmed(order, customer, LINES, TOTAL, "EUR", PaymentId.of("pay-" + order)));

            JsonNode letters = await().atMost(Duration.ofSeconds(30)).until(() -> get("/dead-letters", TestTokens.admin()),
                    body -> body.toString().contains(order.value()));
            JsonNode letter = letters.get(0);
            assertThat(letter.get("eventType").asText()).isEqualTo(OrderConfirmed.class.getName());
            assertThat(letter.get("causeMessage").asText()).contains(order.value());
            NotificationView failed = single(queries.query(FindNotificationsQuery.byOrder(order.value()),
                    NotificationListView.class).join());
            assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(failed.attempts()).as("tried max-attempts times").isEqualTo(3);
            assertThat(failed.lastError()).isNotBlank();

            // A retry while the server still refuses keeps the letter, with the new attempts counted.
            ResponseEntity<String> tooEarly = http.exchange("/dead-letters/retry", HttpMethod.POST,
                    new HttpEntity<>(headers(TestTokens.admin())), String.class);
            assertThat(json.readTree(tooEarly.getBody()).get("remaining").asLong()).isEqualTo(1);
            assertThat(single(queries.query(FindNotificationsQuery.byOrder(order.value()), NotificationListView.class)
                    .join()).attempts()).isEqualTo(6);
        } finally {
            SMTP.start();
        }

        ResponseEntity<String> retried = http.exchange("/dead-letters/retry", HttpMethod.POST,
                new HttpEntity<>(headers(TestTokens.admin())), String.class);

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(retried.getBody()).get("remaining").asLong()).isZero();
        assertThat(mailsTo(email)).hasSize(1);
        assertThat(GreenMailUtil.getBody(mailsTo(email).get(0))).contains("59.80 EUR");
        assertThat(get("/dead-letters", TestTokens.admin())).isEmpty();
        NotificationView sent = single(queries.query(FindNotificationsQuery.byOrder(order.value()),
                NotificationListView.class).join());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(7);

        // Retrying again (nothing queued) sends nothing more.
        http.exchange("/dead-letters/retry", HttpMethod.POST, new HttpEntity<>(headers(TestTokens.admin())), String.class);
        assertThat(mailsTo(email)).hasSize(1);
    }

    @Test
    void aCustomerWhoWantsSmsAndHasAPhoneGetsAnSmsBesideTheMailAndTheRefundMailListsTheLines() {
        String customer = UUID.randomUUID().toString();
        String email = "cid-" + customer + "@example.com";
        OrderId order = OrderId.generate();
        events.publish(registered(customer, email, "+4915100000042", new NotificationPreferences(true, true)));

        events.publish(new OrderCancelled(order, customer, LINES, TOTAL, "EUR", true));

        List<NotificationView> views = await().atMost(Duration.ofSeconds(30)).until(() -> queries.query(
                        FindNotificationsQuery.byOrder(order.value()), NotificationListView.class).join().notifications(),
                found -> found.size() == 2 && found.stream().allMatch(v -> v.status() == DeliveryStatus.SENT));
        assertThat(views).extracting(NotificationView::channel, NotificationView::recipient)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(NotificationChannel.EMAIL, email),
                        org.assertj.core.groups.Tuple.tuple(NotificationChannel.SMS, "+4915100000042"));
        assertThat(jdbc.queryForList("SELECT body FROM sms_message WHERE reference = ?", String.class, order.value()))
                .singleElement().asString().contains(order.value(), "59.80 EUR will be refunded");
        assertThat(mailsTo(email)).hasSize(1);

        // The refund event carries no lines; the mail lists those remembered from the cancellation.
        events.publish(new OrderRefunded(order, customer, PaymentId.of("pay-" + order), TOTAL, "EUR"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 2);
        MimeMessage refund = mailsTo(email).stream().filter(m -> subject(m).contains("refunded")).findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(refund)).contains("Blue mug", "59.80 EUR");
    }

    @Test
    void theHttpApiShowsNotificationsToAdminsAndToTheirOwnCustomerOnly() throws Exception {
        String customer = UUID.randomUUID().toString();
        String email = "dee-" + customer + "@example.com";
        OrderId order = OrderId.generate();
        events.publish(registered(customer, email, null, NotificationPreferences.defaults()));
        events.publish(new OrderConfirmed(order, customer, LINES, TOTAL, "EUR", PaymentId.of("pay-" + order)));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);

        JsonNode own = get("/notifications?customerId=" + customer, TestTokens.customer(customer));
        JsonNode asAdmin = get("/notifications?orderId=" + order.value(), TestTokens.admin());
        JsonNode someoneElsesOrder = get("/notifications?orderId=" + order.value(), TestTokens.customer());
        ResponseEntity<String> someoneElse = exchange("/notifications?customerId=" + customer, TestTokens.customer());
        ResponseEntity<String> neither = exchange("/notifications", TestTokens.admin());
        ResponseEntity<String> blankOrder = exchange("/notifications?orderId=", TestTokens.admin());
        ResponseEntity<String> anonymous = http.getForEntity("/notifications?orderId=" + order.value(), String.class);
        ResponseEntity<String> deadLettersAsCustomer = exchange("/dead-letters", TestTokens.customer(customer));

        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("orderId").asText()).isEqualTo(order.value());
        assertThat(own.get(0).get("channel").asText()).isEqualTo("EMAIL");
        assertThat(own.get(0).get("status").asText()).isEqualTo("SENT");
        assertThat(own.get(0).get("recipient").asText()).isEqualTo(email);
        assertThat(own.get(0).get("sentAt").asText()).isNotBlank();
        assertThat(asAdmin).hasSize(1);
        assertThat(someoneElsesOrder).isEmpty();
        assertThat(someoneElse.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(neither.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(neither.getBody()).contains("\"field\":\"orderId\"");
        assertThat(blankOrder.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(blankOrder.getBody()).contains("orderId");
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(deadLettersAsCustomer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void whileTheProcessorIsStoppedNothingIsSentAndAfterwardsItCatchesUpFromItsToken() {
        String customer = UUID.randomUUID().toString();
        String email = "eve-" + customer + "@example.com";
        OrderId order = OrderId.generate();
        EventProcessor processor = processing.eventProcessor(ProcessingGroups.NOTIFICATIONS).orElseThrow();
        processor.shutDown();
        try {
            events.publish(registered(customer, email, null, NotificationPreferences.defaults()));
            events.publish(new OrderConfirmed(order, customer, LINES, TOTAL, "EUR", PaymentId.of("pay-" + order)));

            assertThat(queries.query(FindNotificationsQuery.byOrder(order.value()), NotificationListView.class).join()
                    .notifications()).isEmpty();
        } finally {
            processor.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        assertThat(single(queries.query(FindNotificationsQuery.byOrder(order.value()), NotificationListView.class)
                .join()).status()).isEqualTo(DeliveryStatus.SENT);
    }

    private static UserRegistered registered(String customer, String email, String phone, NotificationPreferences wanted) {
        return new UserRegistered(UserId.of(customer), email, "Customer " + customer.substring(0, 4), phone, wanted,
                Role.CUSTOMER);
    }

    private static NotificationView single(NotificationListView list) {
        assertThat(list.notifications()).hasSize(1);
        return list.notifications().get(0);
    }

    private static List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> recipients(m).contains(email)).toList();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path, String token) throws IOException {
        ResponseEntity<String> response = exchange(path, token);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private ResponseEntity<String> exchange(String path, String token) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(token)), String.class);
    }

    private static HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
