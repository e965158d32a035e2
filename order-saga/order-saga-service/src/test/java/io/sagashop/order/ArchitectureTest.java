package io.sagashop.order;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The order service's boundaries: other services only through their -api jars; the features
 * (placement, tracking, audit) talk to the aggregate and to each other only through messages;
 * what a feature keeps to itself is package-private.
 */
@AnalyzeClasses(packages = "io.sagashop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOtherServicesOnlyThroughTheirApi = noClasses()
            .that().resideInAPackage("io.sagashop.order..")
            .should().dependOnClassesThat(resideInAnyPackage("io.sagashop.catalog..", "io.sagashop.payment..",
                    "io.sagashop.user..", "io.sagashop.notification..", "io.sagashop.recommendation..", "io.sagashop.hub..")
                    .and(not(resideInAPackage("..api.."))))
            .because("services share only their -api contracts; everything else travels through the hub");

    @ArchTest
    static final ArchRule featuresReachTheAggregateOnlyThroughCommands = noClasses()
            .that().resideInAnyPackage("io.sagashop.order.placement..", "io.sagashop.order.tracking..",
                    "io.sagashop.order.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.order.lifecycle..", "io.sagashop.order.saga..")
            .because("the aggregate decides and the saga coordinates; the HTTP features only send commands and ask queries");

    @ArchTest
    static final ArchRule placementDoesNotReadTheTrackingTables = noClasses()
            .that().resideInAPackage("io.sagashop.order.placement..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.order.tracking..", "io.sagashop.order.audit..");

    @ArchTest
    static final ArchRule trackingKnowsOnlyEvents = noClasses()
            .that().resideInAPackage("io.sagashop.order.tracking..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.order.placement..", "io.sagashop.order.audit..");

    @ArchTest
    static final ArchRule theAuditAsksEveryoneThroughQueries = noClasses()
            .that().resideInAPackage("io.sagashop.order.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.order.placement..", "io.sagashop.order.tracking..")
            .because("the audit reads the order views through FindOrderRangeQuery, like any other consumer");

    @ArchTest
    static final ArchRule featureClassesArePackagePrivate = classes()
            .that().resideInAnyPackage("io.sagashop.order.placement..", "io.sagashop.order.tracking..",
                    "io.sagashop.order.audit..", "io.sagashop.order.lifecycle..", "io.sagashop.order.saga..")
            .and().doNotHaveFullyQualifiedName("io.sagashop.order.saga.OrderSaga")
            .and().doNotHaveFullyQualifiedName("io.sagashop.order.saga.OrderCancellationSaga")
            .should().notBePublic()
            .because("a feature's classes are its own; other features use the -api messages");

    /**
     * The exceptions to the rule above: Axon creates saga instances reflectively and its saga
     * (de)serialization and {@code SagaTestFixture} need the saga classes public (their engine,
     * {@code StepSaga}, is not).
     */
    @ArchTest
    static final ArchRule theSagasAreTheOnlyPublicFeatureClasses = classes()
            .that().haveFullyQualifiedName("io.sagashop.order.saga.OrderSaga")
            .or().haveFullyQualifiedName("io.sagashop.order.saga.OrderCancellationSaga")
            .should().bePublic()
            .because("Axon instantiates and serializes the saga reflectively");

    @ArchTest
    static final ArchRule theApiIsPlainJava = classes()
            .that().resideInAPackage("io.sagashop.order.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.sagashop.order.api..",
                    "io.sagashop.catalog.api..", "io.sagashop.payment.api..", "org.axonframework.modelling.command..")
            .because("the -api jar is the wire contract: records, no Spring");
}
