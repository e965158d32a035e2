package io.sagashop.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The payment service's boundaries: no other service's implementation; the aggregate decides
 * without gateways or the read side; gateways know nothing of Axon; the read side never calls a
 * gateway.
 */
@AnalyzeClasses(packages = "io.sagashop.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesNoOtherServicesImplementation = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.sagashop.catalog..", "io.sagashop.user..", "io.sagashop.order..",
                    "io.sagashop.notification..", "io.sagashop.recommendation..", "io.sagashop.hub..")
            .because("services share only -api jars, and talk through the hub");

    @ArchTest
    static final ArchRule theAggregateNeitherCallsGatewaysNorReadsProjections = noClasses()
            .that().resideInAPackage("..payment.lifecycle..")
            .should().dependOnClassesThat().resideInAnyPackage("..payment.gateway..", "..payment.charging..",
                    "..payment.query..")
            .because("gateway calls happen outside the aggregate, in the charging handler");

    @ArchTest
    static final ArchRule gatewaysKnowNothingOfAxonOrTheRestOfTheService = noClasses()
            .that().resideInAPackage("..payment.gateway..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "..payment.lifecycle..",
                    "..payment.charging..", "..payment.query..");

    @ArchTest
    static final ArchRule theReadSideNeverCallsAGateway = noClasses()
            .that().resideInAPackage("..payment.query..")
            .should().dependOnClassesThat().resideInAnyPackage("..payment.gateway..", "..payment.charging..",
                    "..payment.lifecycle..");

    @ArchTest
    static final ArchRule theApiIsTheOnlyPaymentContractUsedAcrossFeatures = noClasses()
            .that().resideInAPackage("..payment.charging..")
            .should().dependOnClassesThat().resideInAnyPackage("..payment.lifecycle..", "..payment.query..");
}
