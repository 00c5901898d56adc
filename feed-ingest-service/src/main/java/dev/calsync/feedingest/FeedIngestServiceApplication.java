package dev.calsync.feedingest;

import dev.calsync.feedingest.config.FeedIngestProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** feed-ingest-service: polls ICS feeds and emits what changed. */
@SpringBootApplication
@EnableConfigurationProperties(FeedIngestProperties.class)
public class FeedIngestServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeedIngestServiceApplication.class, args);
    }
}
