package dev.calsync.token.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import dev.calsync.secrets.GoogleOAuthClients;
import dev.calsync.secrets.SecretName;
import dev.calsync.secrets.SecretStore;
import dev.calsync.support.google.GoogleEndpointsProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Google's OAuth client over the Apache transport: HttpURLConnection (NetHttpTransport) drops the body of a
 * 401 answer to a POST, and {@code invalid_client} is only recognisable from that body. Retry and circuit
 * breaker settings are the {@code google-oauth} instances in application.yml.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GoogleTokenProperties.class)
public class GoogleConfiguration {

    static final String RESILIENCE_INSTANCE = "google-oauth";

    @Bean(destroyMethod = "shutdown")
    public HttpTransport googleHttpTransport() {
        return new ApacheHttpTransport();
    }

    /** The OAuth clients whose grants this service refreshes: each grant names its own. */
    @Bean
    public GoogleOAuthClients googleOAuthClients(SecretStore secrets) {
        return GoogleOAuthClients.parse(secrets.read(SecretName.GOOGLE_OAUTH_CLIENTS));
    }

    @Bean
    public GoogleOAuthEndpoints googleOAuthEndpoints(GoogleEndpointsProperties google, HttpTransport googleHttpTransport,
                                                     GoogleTokenProperties timeouts) {
        return new GoogleOAuthEndpoints(google, googleHttpTransport, timeouts);
    }

    @Bean
    public GoogleTokenClient googleTokenClient(HttpTransport googleHttpTransport, GoogleOAuthEndpoints endpoints,
                                               GoogleTokenProperties timeouts, RetryRegistry retries,
                                               CircuitBreakerRegistry circuitBreakers) {
        return new GoogleTokenClient(googleHttpTransport, endpoints, timeouts,
                retries.retry(RESILIENCE_INSTANCE), circuitBreakers.circuitBreaker(RESILIENCE_INSTANCE));
    }

}
