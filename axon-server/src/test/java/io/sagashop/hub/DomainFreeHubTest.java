package io.sagashop.hub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The hub knows no application's domain (issue 17): it must serve any Axon application, and the
 * shop's services must run unchanged on AxonIQ's Axon Server. Its saga pages speak the
 * domain-free inspection protocol only. Shown two ways: no hub class depends on a class of the
 * shop's services, and no main source or page names one of their classes or packages.
 */
class DomainFreeHubTest {

    /** The shop's domains: each service's API package. */
    private static final List<String> DOMAINS = List.of("order", "payment", "catalog", "user", "notification",
            "recommendation");

    private static JavaClasses hub;

    @BeforeAll
    static void importHub() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sagashop.hub");
    }

    @Test
    void noHubClassDependsOnAShopService() {
        assertThat(hub.size()).as("hub classes imported").isGreaterThan(50);
        noClasses().that().resideInAPackage("io.sagashop.hub..")
                .should().dependOnClassesThat().resideInAnyPackage(DOMAINS.stream()
                        .map(domain -> "io.sagashop." + domain + "..").toArray(String[]::new))
                .check(hub);
        // Nor on anything of the shop besides the domain-free inspection modules.
        noClasses().that().resideInAPackage("io.sagashop.hub..")
                .should().dependOnClassesThat(resideInAPackage("io.sagashop..")
                        .and(not(resideInAnyPackage("io.sagashop.hub..", "io.sagashop.inspection.."))))
                .check(hub);
    }

    @Test
    void noMainSourceOrPageNamesAShopServicesClassOrPackage() throws IOException {
        Set<String> names = domainClassNames();
        // The API modules are on the test class path: a misconfigured scan must not pass by finding nothing.
        assertThat(names).contains("OrderPlaced", "PlaceOrder", "ReserveStock", "RequestPayment", "UserRegistered");
        List<Pattern> forbidden = new ArrayList<>();
        names.forEach(name -> forbidden.add(Pattern.compile("\\b" + Pattern.quote(name) + "\\b")));
        DOMAINS.forEach(domain -> forbidden.add(Pattern.compile(Pattern.quote("io.sagashop." + domain + "."))));

        List<String> hits = new ArrayList<>();
        List<Path> files = files(Path.of("src/main/java"), Path.of("src/main/resources/static"));
        assertThat(files).as("hub sources and pages").hasSizeGreaterThan(50)
                .anyMatch(f -> f.toString().endsWith("app.js"));
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern pattern : forbidden) {
                    if (pattern.matcher(lines.get(i)).find()) {
                        hits.add(file + ":" + (i + 1) + " names " + pattern.pattern() + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(hits).as("domain names in the hub's sources and pages").isEmpty();
    }

    /**
     * The simple class names of every service API module, less those the inspection protocol has
     * too (its {@code FindSagaQuery} is no domain name, whoever else declares one).
     */
    private static Set<String> domainClassNames() throws IOException {
        Set<String> inspection = simpleNames("io/sagashop/inspection/api");
        Set<String> names = new TreeSet<>();
        for (String domain : DOMAINS) {
            names.addAll(simpleNames("io/sagashop/" + domain + "/api"));
        }
        names.removeAll(inspection);
        names.remove("package-info");
        return names;
    }

    private static Set<String> simpleNames(String packagePath) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(
                "classpath*:" + packagePath + "/**/*.class")) {
            String file = resource.getFilename();
            if (file != null && !file.contains("$")) {
                names.add(file.substring(0, file.length() - ".class".length()));
            }
        }
        return names;
    }

    private static List<Path> files(Path... roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(java|js|html|css)$"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
