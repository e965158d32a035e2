package io.sagashop.notification.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.notification.message.NoticeTemplates;
import io.sagashop.notification.message.OrderNotice;
import io.sagashop.notification.message.RenderedMail;
import io.sagashop.order.api.OrderLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Not a test: prints what rendering and sending one notification mail costs the sending thread
 * (CPU, as the processor's thread pays it) and takes (wall), against GreenMail in this JVM, with
 * one SMTP connection per mail and with kept connections. Each figure is measured in three
 * rounds; read the last ones (the JIT has settled). Run it as the shop runs the service, on C1:
 *
 * <pre>
 * mvn -q -o -pl notification/notification-service dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -XX:TieredStopAtLevel=1 -cp notification/notification-service/target/test-classes:notification/notification-service/target/classes:$(cat /tmp/cp.txt) \
 *      io.sagashop.notification.delivery.MailBenchmark 2000
 * </pre>
 */
public final class MailBenchmark {

    private MailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // As NotificationApplication.main does.
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        try {
            NoticeTemplates templates = new NoticeTemplates();
            OrderNotice notice = new OrderNotice("order-1", "c-1", NotificationOutcome.CONFIRMED, List.of(
                    new OrderLine(ProductId.of("p-1"), "MUG-01", "Blue mug", 2, new BigDecimal("9.95")),
                    new OrderLine(ProductId.of("p-2"), "TEA-02", "Green tea", 1, new BigDecimal("4.90"))),
                    new BigDecimal("24.80"), "EUR", null, null, false);
            JavaMailSenderImpl mailer = new JavaMailSenderImpl();
            mailer.setHost("127.0.0.1");
            mailer.setPort(smtp.getSmtp().getPort());
            try (MailChannel perMail = channel(mailer, false); MailChannel kept = channel(mailer, true)) {
                for (int round = 1; round <= 3; round++) {
                    measure(round, "render (subject, text, HTML)", mails, () -> templates.mail(notice, "Ann"));
                    RenderedMail mail = templates.mail(notice, "Ann");
                    measure(round, "send, one connection per mail", mails, () -> perMail.send("ann@example.com", mail));
                    measure(round, "send, kept connection", mails, () -> kept.send("ann@example.com", mail));
                    smtp.purgeEmailFromAllMailboxes();
                }
            }
        } finally {
            smtp.stop();
        }
    }

    private static MailChannel channel(JavaMailSenderImpl mailer, boolean reuse) {
        return new MailChannel(mailer, new NotificationSettings("Sagashop <orders@sagashop.local>",
                new NotificationSettings.Retry(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(5)),
                new NotificationSettings.Smtp(reuse, Duration.ofSeconds(30))));
    }

    private static void measure(int round, String what, int times, Runnable task) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < times; i++) {
            task.run();
        }
        System.out.printf("round %d  %-32s %8.1f us CPU %8.1f us wall per mail%n", round, what,
                (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / times, (System.nanoTime() - wall) / 1000.0 / times);
    }
}
