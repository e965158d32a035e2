/**
 * Contact details and channel preferences of customers, kept in table {@code contact} from the
 * user service's events, so notifications go out while the user service is down.
 */
package io.sagashop.notification.contact;
