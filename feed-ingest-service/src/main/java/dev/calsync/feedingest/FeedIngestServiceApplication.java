package dev.calsync.feedingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** feed-ingest-service: polls ICS feeds and emits what changed. */
@SpringBootApplication
public class FeedIngestServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeedIngestServiceApplication.class, args);
    }
}
