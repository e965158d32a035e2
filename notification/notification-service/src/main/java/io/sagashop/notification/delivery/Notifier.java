package io.sagashop.notification.delivery;

import io.sagashop.notification.api.DeliveryStatus;
import io.sagashop.notification.api.NotificationChannel;
import io.sagashop.notification.contact.Contact;
import io.sagashop.notification.contact.Contacts;
import io.sagashop.notification.message.NoticeTemplates;
import io.sagashop.notification.message.OrderNotice;
import io.sagashop.notification.sms.SmsProvider;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tells a customer about an order outcome on every channel they want, at most once per order,
 * outcome and channel.
 *
 * <p>Per channel: record the notification PENDING (committed at once), send, mark it SENT. If a
 * row says SENT, nothing is sent: a duplicated or replayed event is harmless. If the service dies
 * after sending but before marking SENT, the event is handled again (its token was not stored)
 * and the row still says PENDING, so the mail goes out a second time: SMTP is at-least-once by
 * nature, and a lost notification is worse than a repeated one. What can never happen is a
 * silent second send of a notification recorded as sent.
 *
 * <p>A send that fails is tried again with backoff; when all attempts fail the row says FAILED and
 * {@link NotificationFailedException} sends the event to the dead-letter queue, from where a
 * retry sends only what is not SENT yet.
 */
@Component
class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Contacts contacts;
    private final NoticeTemplates templates;
    private final MailChannel mail;
    private final SmsProvider sms;
    private final DeliveryLog deliveries;
    private final Retrying retrying;

    @Autowired
    Notifier(Contacts contacts, NoticeTemplates templates, MailChannel mail, SmsProvider sms, DeliveryLog deliveries,
             NotificationSettings settings) {
        this(contacts, templates, mail, sms, deliveries, new Retrying(settings.retry(), Retrying.Sleeper.threadSleep()));
    }

    Notifier(Contacts contacts, NoticeTemplates templates, MailChannel mail, SmsProvider sms, DeliveryLog deliveries,
             Retrying retrying) {
        this.contacts = contacts;
        this.templates = templates;
        this.mail = mail;
        this.sms = sms;
        this.deliveries = deliveries;
        this.retrying = retrying;
    }

    void notify(OrderNotice notice) {
        Contact contact = contacts.find(notice.customerId()).orElseThrow(() -> new NotificationFailedException(
                "no contact details for customer " + notice.customerId() + " (order " + notice.orderId() + ")", null));
        List<RuntimeException> failures = new ArrayList<>();
        if (contact.reachableByEmail()) {
            deliver(new DeliveryKey(notice.orderId(), notice.outcome(), NotificationChannel.EMAIL), notice,
                    contact.email(), () -> mail.send(contact.email(), templates.mail(notice, contact.name())), failures);
        }
        if (contact.reachableBySms()) {
            deliver(new DeliveryKey(notice.orderId(), notice.outcome(), NotificationChannel.SMS), notice,
                    contact.phone(), () -> sms.send(contact.phone(), templates.sms(notice, contact.name()),
                            notice.orderId()), failures);
        }
        if (!failures.isEmpty()) {
            NotificationFailedException failed = new NotificationFailedException("could not notify " + notice.outcome()
                    + " of order " + notice.orderId() + ": " + failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
    }

    private void deliver(DeliveryKey key, OrderNotice notice, String recipient, Runnable send,
                         List<RuntimeException> failures) {
        if (deliveries.open(key, notice.customerId(), recipient) == DeliveryStatus.SENT) {
            log.debug("{} was already sent; not again", key);
            return;
        }
        Retrying.Result result = retrying.run(send);
        if (result.succeeded()) {
            deliveries.sent(key, recipient, result.attempts());
        } else {
            log.warn("{} to {} failed after {} attempts: {}", key, recipient, result.attempts(), result.failure().toString());
            deliveries.failed(key, result.attempts(), result.failure().toString());
            failures.add(result.failure());
        }
    }
}
