package io.sagashop.notification.contact;

import io.sagashop.user.api.ContactDetails;
import io.sagashop.user.api.FindContactDetailsQuery;
import io.sagashop.user.api.UserId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The local view first (it works while the user service is down); the user service through the
 * hub only for a customer the view has never seen, e.g. one registered before this service's
 * event history begins.
 */
@Service
class ContactLookup implements Contacts {

    private static final Logger log = LoggerFactory.getLogger(ContactLookup.class);

    private final ContactTable table;
    private final QueryGateway queries;

    ContactLookup(ContactTable table, QueryGateway queries) {
        this.table = table;
        this.queries = queries;
    }

    @Override
    public Optional<Contact> find(String userId) {
        Optional<Contact> local = table.find(userId);
        if (local.isPresent()) {
            return local;
        }
        try {
            ContactDetails details = queries.query(new FindContactDetailsQuery(UserId.of(userId)), ContactDetails.class)
                    .get(5, TimeUnit.SECONDS);
            return Optional.ofNullable(details).map(d -> new Contact(userId, d.email(), d.name(), d.phone(),
                    d.emailEnabled(), d.smsEnabled()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.warn("No contact details for user {}: not in the local view, and the user service answered {}",
                    userId, e.toString());
            return Optional.empty();
        }
    }
}
