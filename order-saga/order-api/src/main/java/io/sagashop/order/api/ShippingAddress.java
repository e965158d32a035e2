package io.sagashop.order.api;

/**
 * Where an order goes.
 *
 * @param recipient  who receives it
 * @param street     street and number
 * @param postalCode postal code
 * @param city       city
 * @param country    ISO 3166-1 alpha-2 country code
 */
public record ShippingAddress(String recipient, String street, String postalCode, String city, String country) {
}
