package dev.calsync.support.messaging;

import dev.calsync.contracts.ContractType;
import java.util.Locale;

/**
 * One output binding per contract, named after it ({@code eventChanged} for EVENT_CHANGED; explicit bindings carry no -out-0 suffix), so a
 * service's {@code application.yml} and its publishers agree on names without a table of strings.
 */
public final class OutputBindings {

    private OutputBindings() {
    }

    public static String nameFor(ContractType type) {
        StringBuilder camel = new StringBuilder();
        boolean upperNext = false;
        for (char c : type.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upperNext = true;
            } else {
                camel.append(upperNext ? Character.toUpperCase(c) : c);
                upperNext = false;
            }
        }
        return camel.toString();
    }
}
