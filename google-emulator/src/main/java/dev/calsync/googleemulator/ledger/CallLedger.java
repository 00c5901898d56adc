package dev.calsync.googleemulator.ledger;

import dev.calsync.googleemulator.state.Resettable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Counts Calendar API calls per account and method, so a test can assert what a change cost ("one
 * changed event, one call"). Calls inside a batch count one by one, as Google counts them. Calls refused
 * before they ran (a request quota, a usage-limit lockout) are counted apart, by reason, so "no quota
 * error" can be checked from Google's side rather than from what a client says it received.
 */
@Component
public class CallLedger implements Resettable {

    /** @param account the account's email */
    public record Key(String account, String method) {
    }

    private record Refusal(String account, String method, String reason) {
    }

    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<Refusal, AtomicLong> refusals = new ConcurrentHashMap<>();

    public void record(String account, String method) {
        counts.computeIfAbsent(new Key(account, method), key -> new AtomicLong()).incrementAndGet();
    }

    /** A call of an authenticated account refused with Google's error {@code reason} ({@code userRateLimitExceeded}). */
    public void recordRefusal(String account, String method, String reason) {
        refusals.computeIfAbsent(new Refusal(account, method, reason), key -> new AtomicLong()).incrementAndGet();
    }

    /** account email → method → calls */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> byAccount = new TreeMap<>();
        counts.forEach((key, count) -> byAccount.computeIfAbsent(key.account(), account -> new TreeMap<>())
                .put(key.method(), count.get()));
        return byAccount;
    }

    /** account email → method → reason → refused calls */
    public Map<String, Map<String, Map<String, Long>>> refusals() {
        Map<String, Map<String, Map<String, Long>>> byAccount = new TreeMap<>();
        refusals.forEach((key, count) -> byAccount.computeIfAbsent(key.account(), account -> new TreeMap<>())
                .computeIfAbsent(key.method(), method -> new TreeMap<>())
                .put(key.reason(), count.get()));
        return byAccount;
    }

    @Override
    public void reset() {
        counts.clear();
        refusals.clear();
    }
}
