package io.sagashop.platform.security;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Every service learns from the user service's events which users were deactivated and refuses
 * their tokens ({@link DeactivatedUsers}; the security filter chain checks it after the
 * signature). The processor {@value #PROCESSOR} is a tracking processor of its own in every
 * instance: an in-memory token store (each instance needs every deactivation, not a share of
 * them), starting at each start from the events of the last {@code remember-for}, no database
 * transaction (it writes nothing there).
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, PlatformSecurityAutoConfiguration.class})
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SecurityProperties.class)
public class DeactivatedUsersAutoConfiguration {

    /** The processor's name, as the hub's dashboard shows it in every service. */
    public static final String PROCESSOR = "sagashop-deactivated-users";

    @Bean
    DeactivatedUsers sagashopDeactivatedUsers(SecurityProperties properties) {
        var settings = properties.deactivatedUsers();
        return new DeactivatedUsers(settings.rememberFor(), settings.maxEntries());
    }

    @Bean
    DeactivatedUsersProjection sagashopDeactivatedUsersProjection(DeactivatedUsers users) {
        return new DeactivatedUsersProjection(users);
    }

    @Bean
    ConfigurerModule sagashopDeactivatedUsersProcessor(SecurityProperties properties) {
        var window = properties.deactivatedUsers().rememberFor();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(PROCESSOR, c -> new InMemoryTokenStore())
                .registerTransactionManager(PROCESSOR, c -> NoTransactionManager.INSTANCE)
                .registerTrackingEventProcessor(PROCESSOR, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialTrackingToken(source -> source.createTokenSince(window))));
    }
}
