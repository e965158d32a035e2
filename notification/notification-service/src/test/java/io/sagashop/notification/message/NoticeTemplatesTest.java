package io.sagashop.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.order.api.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thymeleaf.cache.StandardCacheManager;
import org.thymeleaf.cache.TemplateCacheKey;

class NoticeTemplatesTest {

    private static final List<OrderLine> LINES = List.of(
            new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 2, new BigDecimal("7.5")),
            new OrderLine(ProductId.of("p-2"), "TEA-02", "Green tea <organic>", 1, new BigDecimal("4.90")));

    private final NoticeTemplates templates = new NoticeTemplates();

    @ParameterizedTest
    @EnumSource(NotificationOutcome.class)
    void everyOutcomeShowsOrderIdLinesAndTotalInSubjectTextAndHtml(NotificationOutcome outcome) {
        RenderedMail mail = templates.mail(notice(outcome), "Ann");

        assertThat(mail.subject()).contains("order-42");
        assertThat(mail.text()).contains("order-42", "Hello Ann", "Blue mug", "MUG-01", "2 x", "15.00", "19.90 EUR");
        assertThat(mail.html()).contains("order-42", "Hello <span>Ann</span>", "Blue mug", "<td>15.00</td>",
                "19.90 EUR");
    }

    @Test
    void theRejectionMailSaysWhy() {
        RenderedMail mail = templates.mail(notice(NotificationOutcome.REJECTED), "Ann");

        assertThat(mail.text()).contains("Reason: OUT_OF_STOCK (only 1 left of MUG-01)");
        assertThat(mail.html()).contains("OUT_OF_STOCK", "only 1 left of MUG-01");
        assertThat(templates.sms(notice(NotificationOutcome.REJECTED), "Ann")).contains("order-42", "OUT_OF_STOCK");
    }

    @Test
    void theCancellationSaysWhetherMoneyComesBack() {
        OrderNotice refunded = new OrderNotice("order-42", "c-1", NotificationOutcome.CANCELLED, LINES,
                new BigDecimal("19.90"), "EUR", null, null, true);
        OrderNotice unpaid = new OrderNotice("order-42", "c-1", NotificationOutcome.CANCELLED, LINES,
                new BigDecimal("19.90"), "EUR", null, null, false);

        assertThat(templates.mail(refunded, "Ann").text()).contains("will be refunded").doesNotContain("Nothing was charged");
        assertThat(templates.mail(unpaid, "Ann").text()).contains("Nothing was charged").doesNotContain("refunded");
    }

    @Test
    void theHtmlEscapesWhatCustomersAndTheCatalogTyped() {
        RenderedMail mail = templates.mail(notice(NotificationOutcome.CONFIRMED), "<script>Ann</script>");

        assertThat(mail.html()).contains("&lt;script&gt;Ann&lt;/script&gt;", "Green tea &lt;organic&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void theSmsIsOneShortLineWithTheTotal() {
        String sms = templates.sms(notice(NotificationOutcome.CONFIRMED), "Ann");

        assertThat(sms).isEqualTo("Sagashop: order order-42 is confirmed. Total 19.90 EUR.");
    }

    @Test
    void everyTemplateIsParsedOnceAndThenRenderedFromTheCache() {
        StandardCacheManager cache = new StandardCacheManager();
        NoticeTemplates cached = new NoticeTemplates(cache);

        for (NotificationOutcome outcome : NotificationOutcome.values()) {
            cached.mail(notice(outcome), "Ann");
            cached.sms(notice(outcome), "Ann");
        }
        Set<String> parsed = cache.getTemplateCache().keySet().stream().map(TemplateCacheKey::getTemplate)
                .collect(Collectors.toSet());
        // The subjects and SMS texts are cached under their keys, not parsed again for every mail.
        assertThat(parsed).containsExactlyInAnyOrder(
                "confirmed.subject", "confirmed.sms", "confirmed.txt", "confirmed.html",
                "rejected.subject", "rejected.sms", "rejected.txt", "rejected.html",
                "cancelled.subject", "cancelled.sms", "cancelled.txt", "cancelled.html",
                "refunded.subject", "refunded.sms", "refunded.txt", "refunded.html");

        // Rendered from the cache, the same text as the first time.
        assertThat(cached.mail(notice(NotificationOutcome.CONFIRMED), "Bob").subject())
                .isEqualTo("Your Sagashop order order-42 is confirmed");
        assertThat(cache.getTemplateCache().keySet()).hasSize(16);
    }

    private static OrderNotice notice(NotificationOutcome outcome) {
        return new OrderNotice("order-42", "c-1", outcome, LINES, new BigDecimal("19.9"), "EUR",
                outcome == NotificationOutcome.REJECTED ? "OUT_OF_STOCK" : null,
                outcome == NotificationOutcome.REJECTED ? "only 1 left of MUG-01" : null, false);
    }
}
