package io.sagashop.user.account;

import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.DomainError;
import io.sagashop.user.api.ChangePassword;
import io.sagashop.user.api.DeactivateUser;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.RegisterUser;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.SetPreferences;
import io.sagashop.user.api.UpdateProfile;
import io.sagashop.user.api.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Account commands over HTTP: register (public), change one's own profile, password, preferences; deactivate (admin). */
@RestController
@Tag(name = "users", description = "Accounts and profiles")
class UserCommandController {

    /** Empty means "no phone". */
    static final String PHONE = "|\\+?[0-9][0-9 ()/-]{4,30}";

    private final CommandGateway commands;
    private final CredentialStore credentials;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;

    UserCommandController(CommandGateway commands, CredentialStore credentials, PasswordEncoder encoder,
                          PasswordPolicy policy) {
        this.commands = commands;
        this.credentials = credentials;
        this.encoder = encoder;
        this.policy = policy;
    }

    record Notifications(boolean email, boolean sms) {
        NotificationPreferences toPreferences() {
            return new NotificationPreferences(email, sms);
        }
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String name,
            @NotNull @AcceptablePassword String password,
            @Pattern(regexp = PHONE, message = "must be a phone number such as +49 151 1234567") String phone,
            Notifications notifications) {

        @Override
        public String toString() {
            return "RegisterRequest[email=" + email + ", name=" + name + ", password=***]";
        }
    }

    record UpdateProfileRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = PHONE, message = "must be a phone number such as +49 151 1234567") String phone) {
    }

    record ChangePasswordRequest(
            @NotBlank @FitsBcrypt String currentPassword,
            @NotNull @AcceptablePassword String newPassword) {

        @Override
        public String toString() {
            return "ChangePasswordRequest[***]";
        }
    }

    record PreferencesRequest(
            @NotNull @Valid Notifications notifications,
            @NotNull @Size(max = 50) List<@NotBlank @Size(max = 60) String> favouriteCategories) {
    }

    @PostMapping("/users")
    @Operation(summary = "Register a customer account (no token needed)")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterRequest request) {
        NotificationPreferences notifications = request.notifications() == null
                ? NotificationPreferences.defaults() : request.notifications().toPreferences();
        requirePhoneForSms(notifications, request.phone());
        requireAcceptable("password", request.password(), request.email());
        // Time-ordered in the services (the platform's TimeOrderedIdentifierFactory).
        UserId userId = UserId.of(IdentifierFactory.getInstance().generateIdentifier());
        commands.sendAndWait(new RegisterUser(userId, request.email(), request.name().trim(),
                encoder.encode(request.password()), blankToNull(request.phone()), notifications, Role.CUSTOMER));
        return ResponseEntity.created(URI.create("/users/" + userId)).body(Map.of("id", userId.value()));
    }

    @PutMapping("/users/me")
    @Operation(summary = "Change one's own e-mail, name and phone")
    ResponseEntity<Void> updateProfile(@Valid @RequestBody UpdateProfileRequest request) {
        commands.sendAndWait(new UpdateProfile(me(), request.email(), request.name().trim(), blankToNull(request.phone())));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/users/me/password")
    @Operation(summary = "Change one's own password (needs the current one)")
    ResponseEntity<Void> changePassword(@Valid @RequestBody ChangePasswordRequest request) {
        UserId me = me();
        var stored = credentials.findById(me);
        boolean currentMatches = stored.map(found -> encoder.matches(request.currentPassword(), found.passwordHash())).orElse(false);
        if (!currentMatches) {
            throw DomainError.invalid("wrong-password", "currentPassword", "The current password is not correct").exception();
        }
        requireAcceptable("newPassword", request.newPassword(), stored.get().email());
        commands.sendAndWait(new ChangePassword(me, encoder.encode(request.newPassword())));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/users/me/preferences")
    @Operation(summary = "Set one's notification channels and favourite categories")
    ResponseEntity<Void> setPreferences(@Valid @RequestBody PreferencesRequest request) {
        commands.sendAndWait(new SetPreferences(me(), request.notifications().toPreferences(), request.favouriteCategories()));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/users/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Deactivate an account (admin)")
    ResponseEntity<Void> deactivate(@PathVariable("id") @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a user id") String id) {
        if (id.equals(CurrentUser.id())) {
            throw DomainError.conflict("cannot-deactivate-self", "An administrator cannot deactivate their own account").exception();
        }
        commands.sendAndWait(new DeactivateUser(UserId.of(id)));
        return ResponseEntity.noContent().build();
    }

    private static UserId me() {
        return UserId.of(CurrentUser.id());
    }

    /**
     * The password policy once more with the user's e-mail (the one rule a field constraint
     * cannot judge); its refusal names the field and, as the problem's code, the rule.
     */
    private void requireAcceptable(String field, String password, String email) {
        policy.check(password, email).ifPresent(violation -> {
            throw DomainError.invalid(violation.rule(), field, field + " " + violation.message()).exception();
        });
    }

    private static void requirePhoneForSms(NotificationPreferences notifications, String phone) {
        if (notifications.sms() && (phone == null || phone.isBlank())) {
            throw DomainError.invalid("phone-required", "phone", "SMS notifications need a phone number").exception();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
