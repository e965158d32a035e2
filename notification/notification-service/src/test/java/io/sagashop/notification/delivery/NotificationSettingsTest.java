package io.sagashop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code sagashop.notification.*} as Spring binds it: the defaults, and a clear refusal of a useless idle timeout. */
class NotificationSettingsTest {

    @Test
    void keptSmtpConnectionsAreTheDefault() {
        NotificationSettings settings = bind(Map.of());

        assertThat(settings.smtp().reuseConnection()).isTrue();
        assertThat(settings.smtp().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.retry().maxAttempts()).isEqualTo(3);
    }

    @Test
    void reuseCanBeTurnedOffAndTheIdleTimeoutSet() {
        NotificationSettings settings = bind(Map.of(
                "sagashop.notification.smtp.reuse-connection", "false",
                "sagashop.notification.smtp.idle-timeout", "5s"));

        assertThat(settings.smtp().reuseConnection()).isFalse();
        assertThat(settings.smtp().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anIdleTimeoutOfZeroIsRefusedWithTheWayToTurnReuseOff() {
        assertThatThrownBy(() -> bind(Map.of("sagashop.notification.smtp.idle-timeout", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("sagashop.notification.smtp.idle-timeout must be positive, was PT0S")
                .hasMessageContaining("sagashop.notification.smtp.reuse-connection=false");
    }

    private static NotificationSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("sagashop.notification", Bindable.of(NotificationSettings.class));
    }
}
