package dev.calsync.oauth.web;

import dev.calsync.oauth.connect.GrantRecordingAuthenticationManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.calsync.oauth.account.Accounts;
import reactor.core.publisher.Mono;

/** Who is signed in, for the connect page. */
@RestController
public class MeController {

    private final Accounts accounts;

    public MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/me")
    public Mono<Map<String, Object>> me(@AuthenticationPrincipal OAuth2User user) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("connected", false);
        if (user == null) {
            return Mono.just(me);
        }
        String subscriberId = GrantRecordingAuthenticationManager.subscriberId(user);
        return accounts.find(subscriberId).map(account -> {
            me.put("connected", !account.disconnected());
            me.put("subscriberId", subscriberId);
            me.put("email", account.email());
            me.put("reconnectNeeded", account.reconnectNeeded());
            return me;
        }).defaultIfEmpty(me);
    }
}
