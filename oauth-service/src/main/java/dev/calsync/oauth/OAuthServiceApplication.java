package dev.calsync.oauth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** oauth-service: the connect flows and page; publishes grants and feed subscriptions. */
@SpringBootApplication
public class OAuthServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OAuthServiceApplication.class, args);
    }
}
