package io.sagashop.inspection.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a host imports to serve the saga and consistency API ({@link SagaInspectionController} and
 * its problem answers, {@link InspectionProblems}). The host provides two beans: an
 * {@link InspectionClient} (how it asks the applications) and an {@link OperatorSession} (who is
 * signed in, and its audit trail). The pages come with the jar as static resources under
 * {@code /inspection/} (from {@code META-INF/resources}); see the module's README for what a
 * host page provides.
 */
@Configuration(proxyBeanMethods = false)
@Import({SagaInspectionController.class, InspectionProblems.class})
public class SagaInspectionWebConfiguration {
}
