package io.sagashop.notification.contact;

import java.util.Optional;

/** Finds a customer's contact details. */
public interface Contacts {

    /**
     * The customer's contact details from the local view; when the view has never heard of the
     * customer, asked of the user service through the hub. Empty when neither knows them.
     */
    Optional<Contact> find(String userId);
}
