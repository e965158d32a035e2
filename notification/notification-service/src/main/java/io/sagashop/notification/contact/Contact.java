package io.sagashop.notification.contact;

/**
 * How to reach a customer and on which channels.
 *
 * @param userId the customer
 * @param email  e-mail address
 * @param name   display name
 * @param phone  phone number, or {@code null}
 * @param emailWanted the customer wants e-mail (false once deactivated)
 * @param smsWanted   the customer wants SMS (false once deactivated)
 */
public record Contact(String userId, String email, String name, String phone, boolean emailWanted, boolean smsWanted) {

    /** E-mail is sent only when wanted and an address is known. */
    public boolean reachableByEmail() {
        return emailWanted && email != null && !email.isBlank();
    }

    /** SMS is sent only when wanted and a phone number is known. */
    public boolean reachableBySms() {
        return smsWanted && phone != null && !phone.isBlank();
    }
}
