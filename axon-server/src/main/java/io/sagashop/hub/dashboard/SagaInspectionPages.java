package io.sagashop.hub.dashboard;

import io.sagashop.inspection.web.SagaInspectionWebConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The saga and consistency pages and their API ({@code saga-inspection/inspection-web}), served
 * by the hub with its own {@link HubInspectionClient} and the sign-in's operator session.
 */
@Configuration(proxyBeanMethods = false)
@Import(SagaInspectionWebConfiguration.class)
class SagaInspectionPages {
}
