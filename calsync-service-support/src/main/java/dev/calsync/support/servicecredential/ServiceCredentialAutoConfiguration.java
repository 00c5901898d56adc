package dev.calsync.support.servicecredential;

import dev.calsync.secrets.SecretStore;
import dev.calsync.support.secrets.SecretsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** One filter for every service's internal API; each service names its paths ({@link ServiceCredentialProperties}). */
@AutoConfiguration(after = SecretsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ServiceCredentialProperties.class)
public class ServiceCredentialAutoConfiguration {

    @Bean
    public ServiceCredentialFilter serviceCredentialFilter(ServiceCredentialProperties properties, SecretStore secrets) {
        return new ServiceCredentialFilter(properties, secrets);
    }
}
