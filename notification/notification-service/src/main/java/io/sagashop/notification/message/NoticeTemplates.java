package io.sagashop.notification.message;

import io.sagashop.order.api.OrderLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders notices with Thymeleaf: per outcome an HTML and a plain-text mail body
 * ({@code templates/notification/<outcome>.html|.txt}) and, from
 * {@code templates/notification/lines.properties}, a subject and an SMS text (one-line text-mode
 * templates). The templates see plain maps and preformatted amounts, so a template never depends
 * on Java accessors or on the server's locale.
 */
@Component
public class NoticeTemplates {

    private static final String BASE = "templates/notification/";

    private final TemplateEngine engine = new TemplateEngine();
    private final Properties lines = new Properties();

    public NoticeTemplates() {
        engine.addTemplateResolver(files(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(files(TemplateMode.TEXT, ".txt", 2));
        // Anything else is a one-line template given as its own text (subjects, SMS).
        StringTemplateResolver inline = new StringTemplateResolver();
        inline.setTemplateMode(TemplateMode.TEXT);
        inline.setOrder(3);
        engine.addTemplateResolver(inline);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BASE + "lines.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing " + BASE + "lines.properties");
            }
            lines.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The e-mail for a notice, addressed to {@code name}. */
    public RenderedMail mail(OrderNotice notice, String name) {
        Context context = context(notice, name);
        String template = notice.outcome().name().toLowerCase(Locale.ROOT);
        return new RenderedMail(
                engine.process(line(template + ".subject"), context).strip(),
                engine.process(template + ".txt", context),
                engine.process(template + ".html", context));
    }

    /** The SMS text for a notice. */
    public String sms(OrderNotice notice, String name) {
        String template = notice.outcome().name().toLowerCase(Locale.ROOT);
        return engine.process(line(template + ".sms"), context(notice, name)).strip();
    }

    private String line(String key) {
        String template = lines.getProperty(key);
        if (template == null) {
            throw new IllegalStateException("no '" + key + "' in " + BASE + "lines.properties");
        }
        return template;
    }

    private static Context context(OrderNotice notice, String name) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("orderId", notice.orderId());
        context.setVariable("name", name == null || name.isBlank() ? "customer" : name);
        context.setVariable("lines", notice.lines().stream().map(NoticeTemplates::line).toList());
        context.setVariable("total", money(notice.total()));
        context.setVariable("currency", notice.currency());
        context.setVariable("reason", notice.reason());
        context.setVariable("detail", notice.detail());
        context.setVariable("refunded", notice.refunded());
        return context;
    }

    private static Map<String, Object> line(OrderLine line) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("sku", line.sku());
        model.put("name", line.name());
        model.put("quantity", line.quantity());
        model.put("unitPrice", money(line.unitPrice()));
        model.put("lineTotal", money(line.lineTotal()));
        return model;
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static ClassLoaderTemplateResolver files(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(BASE);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
