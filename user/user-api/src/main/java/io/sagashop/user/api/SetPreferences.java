package io.sagashop.user.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a user's notification channels and favourite product categories (used by
 * recommendations).
 *
 * @param userId              the user
 * @param notifications       the channels to notify on
 * @param favouriteCategories category names, in the user's order, without duplicates
 */
public record SetPreferences(@TargetAggregateIdentifier UserId userId, NotificationPreferences notifications,
                             List<String> favouriteCategories) {
}
