package dev.calsync.googleemulator.state;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Every token, code and client secret the emulator ever handed out, so that tests can scan logs, Kafka
 * topics and databases for a leak of any of them.
 */
@Component
public class IssuedSecrets implements Resettable {

    public enum Kind { CLIENT_SECRET, AUTHORIZATION_CODE, ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN }

    public record Issued(Kind kind, String value) {
        @Override
        public String toString() {
            return "Issued[" + kind + "]";
        }
    }

    private final List<Issued> issued = new CopyOnWriteArrayList<>();

    public String record(Kind kind, String value) {
        issued.add(new Issued(kind, value));
        return value;
    }

    public List<Issued> all() {
        return List.copyOf(issued);
    }

    @Override
    public void reset() {
        issued.removeIf(secret -> secret.kind() != Kind.CLIENT_SECRET);
    }
}
