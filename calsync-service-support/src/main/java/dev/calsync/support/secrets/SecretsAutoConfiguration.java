package dev.calsync.support.secrets;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SecretStore secretStore(SecretsProperties properties) {
        SecretStore store = SecretStore.fromDirectory(properties.dir());
        // fail fast: MissingSecretException names the file and the variable to set
        for (SecretName required : properties.required()) {
            store.read(required);
        }
        return store;
    }
}
