package dev.calsync.support.servicecredential;

import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Puts the service credential in front of the state-changing Actuator operations
 * ({@link StateChangingActuatorOperations}). Actuator runs on its own port (management.server.port), which
 * Spring Boot serves from a child context built only from management context configurations: a filter of the
 * service's own context would not be certain to see those requests, this one is registered where they arrive
 * (listed in META-INF/spring/…ManagementContextConfiguration.imports).
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ManagementServiceCredentialConfiguration {

    @Bean
    public ServiceCredentialFilter managementServiceCredentialFilter(WebEndpointProperties endpoints, SecretStore secrets) {
        return new ServiceCredentialFilter(new StateChangingActuatorOperations(endpoints.getBasePath()),
                secrets.read(SecretName.SERVICE_CREDENTIAL));
    }
}
