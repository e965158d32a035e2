/** The query side: the user profile projection, Axon query handlers for other services, and HTTP reads. */
package io.sagashop.user.profile;
