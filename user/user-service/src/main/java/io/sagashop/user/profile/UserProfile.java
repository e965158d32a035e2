package io.sagashop.user.profile;

import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserView;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "user_profile")
class UserProfile {

    @Id
    @Column(name = "user_id", length = 36)
    private String userId;
    @Column(nullable = false, length = 254)
    private String email;
    @Column(nullable = false, length = 100)
    private String name;
    @Column(length = 32)
    private String phone;
    @Column(name = "email_enabled", nullable = false)
    private boolean emailEnabled;
    @Column(name = "sms_enabled", nullable = false)
    private boolean smsEnabled;
    @Column(nullable = false, length = 20)
    private String role;
    @Column(nullable = false)
    private boolean active;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_favourite_category", joinColumns = @JoinColumn(name = "user_id"))
    @OrderColumn(name = "sort_order")
    @Column(name = "category", nullable = false, length = 60)
    private List<String> favouriteCategories = new ArrayList<>();

    protected UserProfile() {
    }

    UserProfile(String userId, String email, String name, String phone, NotificationPreferences notifications, Role role) {
        this.userId = userId;
        this.active = true;
        this.role = role.name();
        contact(email, name, phone);
        notifications(notifications);
    }

    void contact(String email, String name, String phone) {
        this.email = email;
        this.name = name;
        this.phone = phone;
    }

    void notifications(NotificationPreferences notifications) {
        this.emailEnabled = notifications.email();
        this.smsEnabled = notifications.sms();
    }

    void favouriteCategories(List<String> categories) {
        favouriteCategories.clear();
        favouriteCategories.addAll(categories);
    }

    void deactivate() {
        active = false;
    }

    String userId() {
        return userId;
    }

    String email() {
        return email;
    }

    String name() {
        return name;
    }

    String phone() {
        return phone;
    }

    boolean emailEnabled() {
        return emailEnabled;
    }

    boolean smsEnabled() {
        return smsEnabled;
    }

    boolean active() {
        return active;
    }

    List<String> favouriteCategories() {
        return List.copyOf(favouriteCategories);
    }

    UserView toView() {
        return new UserView(UserId.of(userId), email, name, phone, new NotificationPreferences(emailEnabled, smsEnabled),
                List.copyOf(favouriteCategories), Role.valueOf(role), active);
    }
}
