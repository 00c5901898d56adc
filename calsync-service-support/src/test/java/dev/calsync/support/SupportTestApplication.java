package dev.calsync.support;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service made of nothing but calsync-service-support, to test what every service inherits from it. */
@SpringBootApplication
public class SupportTestApplication {
}
