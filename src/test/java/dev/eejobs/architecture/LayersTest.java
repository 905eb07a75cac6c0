package dev.eejobs.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.eejobs.engine.JobsAdmin;
import dev.eejobs.observability.ApiServing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of the module's main code, so a new upward or sideways dependency fails the
 * build instead of creeping in: the public API at the bottom, the store's ports above it with
 * their adapters beside them, the engine on the ports, health and metrics on the engine, the HTTP
 * API on top, reaching the engine through {@link JobsAdmin} only; the PostgreSQL store builds on the
 * JPA store, never the other way round.
 */
class LayersTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.eejobs");
    }

    @Test
    void each_layer_is_used_only_by_the_layers_above_it() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("dev.eejobs.api..")
                .layer("config").definedBy("dev.eejobs.config..")
                .layer("store ports").definedBy("dev.eejobs.store")
                .layer("store adapters").definedBy("dev.eejobs.store.(*)..")
                .layer("engine").definedBy("dev.eejobs.engine..")
                .layer("observability").definedBy("dev.eejobs.observability..")
                .layer("web").definedBy("dev.eejobs.web..")
                .layer("demo").definedBy("dev.eejobs.example..")
                .whereLayer("demo").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("observability").mayOnlyBeAccessedByLayers("web")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("observability", "web")
                .whereLayer("store adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("store ports").mayOnlyBeAccessedByLayers("store adapters", "engine", "observability")
                .whereLayer("config").mayOnlyBeAccessedByLayers("store adapters", "engine", "observability", "web")
                .check(main);
    }

    @Test
    void the_public_api_depends_on_nothing_else_of_the_module() {
        classes().that().resideInAPackage("dev.eejobs.api..")
                .should().onlyDependOnClassesThat(not(resideInAPackage("dev.eejobs..")).or(resideInAPackage("dev.eejobs.api..")))
                .check(main);
    }

    @Test
    void the_http_api_reaches_the_engine_through_its_facade_only() {
        noClasses().that().resideInAPackage("dev.eejobs.web..")
                .should().dependOnClassesThat(resideInAPackage("dev.eejobs.engine..").and(not(belongToAnyOf(JobsAdmin.class))))
                .orShould().dependOnClassesThat(resideInAPackage("dev.eejobs.observability..")
                        .and(not(belongToAnyOf(ApiServing.class))))
                .check(main);
    }

    @Test
    void only_the_postgresql_store_speaks_to_the_postgresql_driver_and_the_jpa_store_does_not_know_it() {
        noClasses().that().resideOutsideOfPackage("dev.eejobs.store.postgresql..")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
                .check(main);
        noClasses().that().resideInAPackage("dev.eejobs.store.jpa..")
                .should().dependOnClassesThat().resideInAPackage("dev.eejobs.store.postgresql..")
                .check(main);
    }

    @Test
    void packages_have_no_cycles() {
        slices().matching("dev.eejobs.(**)").should().beFreeOfCycles().check(main);
    }
}
