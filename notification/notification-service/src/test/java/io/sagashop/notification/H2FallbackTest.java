package io.sagashop.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.notification.api.DeliveryStatus;
import io.sagashop.notification.api.FindNotificationsQuery;
import io.sagashop.notification.api.NotificationListView;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.platform.test.TestHub;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserRegistered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documented no-MySQL fallback, as {@code ./shop} runs it: the same Flyway scripts on H2 in
 * MySQL mode, connected to the hub, and an order confirmation still becomes one mail. (Through the
 * hub because this service has no JPA, so no event store of its own: docs/performance.md,
 * session 13.)
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notifications_h2;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
@DirtiesContext
class H2FallbackTest {

    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailAndTheTestHub(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        TestHub.connect(registry, "notification-h2");
    }

    @Autowired
    EventGateway events;
    @Autowired
    QueryGateway queries;

    @Test
    void anOrderConfirmationBecomesOneMailOnH2Too() {
        OrderId order = OrderId.generate();
        events.publish(new UserRegistered(UserId.of("h2-customer"), "h2@example.com", "Hal", null,
                NotificationPreferences.defaults(), Role.CUSTOMER));
        events.publish(new OrderConfirmed(order, "h2-customer",
                List.of(new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 1, new BigDecimal("8.00"))),
                new BigDecimal("8.00"), "EUR", PaymentId.of("pay-h2")));

        await().atMost(Duration.ofSeconds(30)).until(() -> queries.query(FindNotificationsQuery.byOrder(order.value()),
                        NotificationListView.class).join().notifications(),
                found -> found.size() == 1 && found.get(0).status() == DeliveryStatus.SENT);

        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(GreenMailUtil.getBody(SMTP.getReceivedMessages()[0])).contains("8.00 EUR");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
