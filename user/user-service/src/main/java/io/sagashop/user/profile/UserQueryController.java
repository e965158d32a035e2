package io.sagashop.user.profile;

import io.sagashop.platform.CurrentUser;
import io.sagashop.user.api.FindUserQuery;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Profile reads over HTTP, from this service's own projection. */
@RestController
@Tag(name = "users")
class UserQueryController {

    private final UserQueries queries;

    UserQueryController(UserQueries queries) {
        this.queries = queries;
    }

    record Notifications(boolean email, boolean sms) {
    }

    record UserResponse(String id, String email, String name, String phone, Notifications notifications,
                        List<String> favouriteCategories, String role, boolean active) {
        static UserResponse of(UserView view) {
            return new UserResponse(view.userId().value(), view.email(), view.name(), view.phone(),
                    new Notifications(view.notifications().email(), view.notifications().sms()),
                    view.favouriteCategories(), view.role().name(), view.active());
        }
    }

    @GetMapping("/users/me")
    @Operation(summary = "One's own profile")
    UserResponse me() {
        return UserResponse.of(queries.handle(new FindUserQuery(UserId.of(CurrentUser.id()))));
    }

    @GetMapping("/users/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Any user's profile (admin)")
    UserResponse user(@PathVariable("id") @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a user id") String id) {
        return UserResponse.of(queries.handle(new FindUserQuery(UserId.of(id))));
    }
}
