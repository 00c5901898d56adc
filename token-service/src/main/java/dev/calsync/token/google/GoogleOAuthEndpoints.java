package dev.calsync.token.google;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.client.json.gson.GsonFactory;
import dev.calsync.support.google.GoogleEndpointsProperties;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token and revocation endpoints as the issuer's OpenID discovery document names them (Google's are
 * on another host than its issuer). Read on first use, not at start, so that the service starts while
 * Google is unreachable; kept once read.
 */
public class GoogleOAuthEndpoints {

    /** The two endpoints this service calls. */
    public record Endpoints(GenericUrl token, GenericUrl revocation) {
    }

    private final URI issuer;
    private final HttpTransport transport;
    private final GoogleTokenProperties timeouts;
    private final AtomicReference<Endpoints> discovered = new AtomicReference<>();

    public GoogleOAuthEndpoints(GoogleEndpointsProperties google, HttpTransport transport, GoogleTokenProperties timeouts) {
        this.issuer = google.issuer();
        this.transport = transport;
        this.timeouts = timeouts;
    }

    public Endpoints get() {
        Endpoints known = discovered.get();
        if (known != null) {
            return known;
        }
        Endpoints read = discover();
        discovered.compareAndSet(null, read);
        return read;
    }

    private Endpoints discover() {
        String base = issuer.toString().replaceAll("/+$", "");
        try {
            HttpRequest request = transport.createRequestFactory()
                    .buildGetRequest(new GenericUrl(base + "/.well-known/openid-configuration"));
            request.setConnectTimeout((int) timeouts.connectTimeout().toMillis());
            request.setReadTimeout((int) timeouts.readTimeout().toMillis());
            request.setParser(new JsonObjectParser(GsonFactory.getDefaultInstance()));
            request.setNumberOfRetries(0);
            HttpResponse response = request.execute();
            try {
                GenericJson document = response.parseAs(GenericJson.class);
                Object token = document.get("token_endpoint");
                Object revocation = document.get("revocation_endpoint");
                if (!(token instanceof String) || !(revocation instanceof String)) {
                    throw new GoogleRefusedException("the discovery document of " + base + " names no token_endpoint or revocation_endpoint");
                }
                return new Endpoints(new GenericUrl((String) token), new GenericUrl((String) revocation));
            } finally {
                response.disconnect();
            }
        } catch (IOException e) {
            throw new GoogleUnavailableException("cannot read the discovery document of " + base + ": " + e.getClass().getSimpleName());
        }
    }
}
