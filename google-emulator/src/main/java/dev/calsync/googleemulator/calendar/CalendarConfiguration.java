package dev.calsync.googleemulator.calendar;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the Calendar switches without touching the application class the lead owns. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CalendarSwitches.class)
class CalendarConfiguration {
}
