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
 * Spring Boot serves from a child context built from management context configurations (this one is listed in
 * META-INF/spring/…ManagementContextConfiguration.imports): the check is registered where those requests arrive
 * instead of relying on the service's own context. With no port of its own, the configuration joins the
 * service's context and guards the same operations there.
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
