package dev.eejobs.store.jpa;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The module's persistence unit, described in code instead of a {@code META-INF/persistence.xml}.
 * A descriptor in the library jar would be a second unit in the application that embeds it, and
 * every unnamed {@code @PersistenceContext} of the application would stop resolving; it would
 * also fix the datasource at build time. This unit is handed to the server's JPA provider
 * directly, over the datasource {@code jobs.datasource} names.
 */
final class ModuleUnitInfo implements PersistenceUnitInfo {

    static final String NAME = "eejobs";

    private final String providerClassName;
    private final DataSource dataSource;
    private final Properties properties;

    ModuleUnitInfo(String providerClassName, DataSource dataSource, Properties properties) {
        this.providerClassName = providerClassName;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return providerClassName;
    }

    @Override
    @SuppressWarnings("deprecation") // the JPA 3.2 replacement is not in JPA 3.1
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.JTA;
    }

    @Override
    public DataSource getJtaDataSource() {
        return dataSource;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return null;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return JobRecord.class.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    public List<String> getManagedClassNames() {
        return List.of(JobRecord.class.getName(), ScheduleRecord.class.getName(), AttemptRecord.class.getName(),
                LogLineRecord.class.getName());
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    /** Several nodes write the same rows: a shared cache would serve stale states. */
    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return JobRecord.class.getClassLoader();
    }

    /** Entities are not woven (see {@link JobsPersistence}); the provider gets no transformer. */
    @Override
    public void addTransformer(ClassTransformer transformer) {}

    @Override
    public ClassLoader getNewTempClassLoader() {
        return new ClassLoader(getClassLoader()) {};
    }
}
