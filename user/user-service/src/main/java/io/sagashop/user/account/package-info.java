/** The command side: the User aggregate, its credentials and unique-e-mail lookup, and the HTTP commands. */
package io.sagashop.user.account;
