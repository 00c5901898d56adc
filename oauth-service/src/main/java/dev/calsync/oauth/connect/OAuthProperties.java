package dev.calsync.oauth.connect;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The connect flows' settings.
 *
 * @param calendarScope   the Calendar scope asked for besides {@code openid email}; calsync writes only
 *                        calendars it creates, hence {@code calendar.app.created}
 * @param webRedirectUri  the web client's registered callback; {@code {baseUrl}} is the URL the browser used
 * @param stateLifetime   how long a started sign-in may take
 */
@ConfigurationProperties("calsync.oauth")
public record OAuthProperties(
        @DefaultValue("https://www.googleapis.com/auth/calendar.app.created") String calendarScope,
        @DefaultValue("{baseUrl}/api/google-oauth/callback") String webRedirectUri,
        @DefaultValue("PT10M") Duration stateLifetime) {
}
