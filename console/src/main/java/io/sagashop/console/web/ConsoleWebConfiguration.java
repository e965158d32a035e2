package io.sagashop.console.web;

import io.sagashop.inspection.web.SagaInspectionWebConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The saga and consistency API and pages of {@code saga-inspection-web}, on this console's
 * {@code InspectionClient} (Axon) and {@code OperatorSession} (the signed-in shop account). The
 * console's own {@code index.html} (static/) hosts the pages: sign-in, header, navigation.
 */
@Configuration(proxyBeanMethods = false)
@Import(SagaInspectionWebConfiguration.class)
class ConsoleWebConfiguration {
}
