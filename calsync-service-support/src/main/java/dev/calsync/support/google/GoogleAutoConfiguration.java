package dev.calsync.support.google;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@AutoConfiguration
@EnableConfigurationProperties(GoogleEndpointsProperties.class)
public class GoogleAutoConfiguration {
}
