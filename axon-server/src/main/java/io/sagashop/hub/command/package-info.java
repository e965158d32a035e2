/** Command handler subscriptions and routing of commands to them by consistent hashing of the routing key. */
package io.sagashop.hub.command;
