/** The user service: accounts with unique e-mail, credentials and login, profiles for other services. */
package io.sagashop.user;
