package dev.calsync.oauth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GoogleProviderEndpointsTest {

    @Test
    void googlesIssuerIsAcceptedInItsTwoFormsAndNothingElse() {
        GoogleProviderEndpoints google = GoogleProviderEndpoints.of(URI.create("https://accounts.google.com/"));
        assertThat(google.issuer()).isEqualTo("https://accounts.google.com");
        assertThat(google.isIssuer("https://accounts.google.com")).isTrue();
        assertThat(google.isIssuer("accounts.google.com")).isTrue();
        assertThat(google.isIssuer("http://accounts.google.com")).as("another scheme is another issuer").isFalse();
        assertThat(google.isIssuer("https://accounts.google.com/")).isFalse();
        assertThat(google.isIssuer("accounts.google.com.example.com")).isFalse();
        assertThat(google.isIssuer("https://accounts.example.com")).isFalse();
        assertThat(google.isIssuer("")).isFalse();
        assertThat(google.isIssuer(null)).isFalse();
    }

    @Test
    void theEmulatorsEndpointsHangOffItsIssuer() {
        GoogleProviderEndpoints emulator = GoogleProviderEndpoints.of(URI.create("http://127.0.0.1:8089"));
        assertThat(emulator.token()).isEqualTo("http://127.0.0.1:8089/token");
        assertThat(emulator.isIssuer("127.0.0.1:8089")).isTrue();
        assertThat(emulator.isIssuer("https://127.0.0.1:8089")).isFalse();
    }
}
