package io.sagashop.user.api;

/** What a user may do: customers shop and see their own data, admins manage the shop. */
public enum Role {
    CUSTOMER,
    ADMIN
}
