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
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.cache.AlwaysValidCacheEntryValidity;
import org.thymeleaf.cache.ICacheEntryValidity;
import org.thymeleaf.cache.ICacheManager;
import org.thymeleaf.cache.StandardCacheManager;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * Renders notices with Thymeleaf: per outcome an HTML and a plain-text mail body
 * ({@code templates/notification/<outcome>.html|.txt}) and, from
 * {@code templates/notification/lines.properties}, a subject and an SMS text (one-line text-mode
 * templates, named by their key there, e.g. {@code confirmed.subject}). The templates see plain
 * maps and preformatted amounts, so a template never depends on Java accessors or on the server's
 * locale.
 *
 * <p>Every template is parsed once and then rendered from Thymeleaf's template cache: the files'
 * resolvers cache by default, and the one-line templates are resolved by their key (a fixed set
 * of eight), not given as their text to a {@code StringTemplateResolver}, whose templates are not
 * cacheable by default and so were parsed again for every mail and SMS.
 */
@Component
public class NoticeTemplates {

    private static final String BASE = "templates/notification/";

    private final TemplateEngine engine = new TemplateEngine();
    private final Properties lines = new Properties();

    public NoticeTemplates() {
        this(new StandardCacheManager());
    }

    /** With the given template cache (a test looks into it). */
    NoticeTemplates(ICacheManager cache) {
        engine.setCacheManager(cache);
        engine.addTemplateResolver(files(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(files(TemplateMode.TEXT, ".txt", 2));
        // Anything else is a key of lines.properties (subjects, SMS).
        engine.addTemplateResolver(new LineResolver(3));
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

    /** The name of the one-line template {@code key}, which must be in lines.properties. */
    private String line(String key) {
        if (!lines.containsKey(key)) {
            throw new IllegalStateException("no '" + key + "' in " + BASE + "lines.properties");
        }
        return key;
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

    /**
     * Resolves a key of lines.properties to its text as a text-mode template that Thymeleaf may
     * cache for good: the keys are a fixed set, and the file is read once, at start.
     */
    private final class LineResolver extends AbstractTemplateResolver {

        LineResolver(int order) {
            setOrder(order);
        }

        @Override
        protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
                                                            String template, Map<String, Object> attributes) {
            String text = lines.getProperty(template);
            // null: no such template, and Thymeleaf says so ("template might not exist").
            return text == null ? null : new StringTemplateResource(text);
        }

        @Override
        protected TemplateMode computeTemplateMode(IEngineConfiguration configuration, String ownerTemplate,
                                                   String template, Map<String, Object> attributes) {
            return TemplateMode.TEXT;
        }

        @Override
        protected ICacheEntryValidity computeValidity(IEngineConfiguration configuration, String ownerTemplate,
                                                      String template, Map<String, Object> attributes) {
            return AlwaysValidCacheEntryValidity.INSTANCE;
        }
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
