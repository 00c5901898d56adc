package dev.calsync.oauth.feed;

import dev.calsync.oauth.connect.GrantRecordingAuthenticationManager;
import dev.calsync.oauth.status.SyncStatusView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The signed-in person's feeds: add, list (masked, with sync status), remove, sync now. */
@RestController
public class FeedController {

    public record AddFeed(String url, String displayName) {
        @Override
        public String toString() {
            return "AddFeed[displayName=" + displayName + ", url=<not logged>]";
        }
    }

    private static final ResponseEntity<Map<String, Object>> NOT_SIGNED_IN =
            ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "Connect Google Calendar first."));

    private final Feeds feeds;
    private final FeedIngestClient feedIngest;
    private final SyncStatusView statuses;

    public FeedController(Feeds feeds, FeedIngestClient feedIngest, SyncStatusView statuses) {
        this.feeds = feeds;
        this.feedIngest = feedIngest;
        this.statuses = statuses;
    }

    @PostMapping("/api/feeds")
    public Mono<ResponseEntity<Map<String, Object>>> add(@AuthenticationPrincipal OAuth2User user, @RequestBody AddFeed request) {
        String subscriberId = GrantRecordingAuthenticationManager.subscriberId(user);
        if (subscriberId == null) {
            return Mono.just(NOT_SIGNED_IN);
        }
        return Mono.defer(() -> feeds.add(subscriberId, request.url(), request.displayName()))
                .map(feed -> ResponseEntity.status(HttpStatus.CREATED).body(feedJson(feed, null)));
    }

    @GetMapping("/api/feeds")
    public Mono<ResponseEntity<Map<String, Object>>> list(@AuthenticationPrincipal OAuth2User user) {
        String subscriberId = GrantRecordingAuthenticationManager.subscriberId(user);
        if (subscriberId == null) {
            return Mono.just(NOT_SIGNED_IN);
        }
        return Mono.zip(feeds.list(subscriberId), statuses.forSubscriber(subscriberId))
                .map(both -> {
                    List<Map<String, Object>> items = both.getT1().stream()
                            .map(feed -> feedJson(feed, both.getT2().feeds().get(feed.id()))).toList();
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("feeds", items);
                    return ResponseEntity.ok(body);
                });
    }

    @DeleteMapping("/api/feeds/{feedId}")
    public Mono<ResponseEntity<Map<String, Object>>> remove(@AuthenticationPrincipal OAuth2User user, @PathVariable String feedId) {
        String subscriberId = GrantRecordingAuthenticationManager.subscriberId(user);
        if (subscriberId == null) {
            return Mono.just(NOT_SIGNED_IN);
        }
        return feeds.remove(subscriberId, feedId).map(removed -> removed
                ? ResponseEntity.ok(Map.<String, Object>of("removed", feedId))
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.<String, Object>of("error", "No such feed.")));
    }

    @PostMapping("/api/feeds/{feedId}/sync")
    public Mono<ResponseEntity<Map<String, Object>>> syncNow(@AuthenticationPrincipal OAuth2User user, @PathVariable String feedId) {
        String subscriberId = GrantRecordingAuthenticationManager.subscriberId(user);
        if (subscriberId == null) {
            return Mono.just(NOT_SIGNED_IN);
        }
        return feeds.owns(subscriberId, feedId).flatMap(owns -> !owns
                ? Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.<String, Object>of("error", "No such feed.")))
                : feedIngest.refresh(feedId).map(outcome -> switch (outcome) {
                    case STARTED -> ResponseEntity.accepted().body(Map.<String, Object>of("message", "Sync started."));
                    case NOT_KNOWN_YET -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.<String, Object>of(
                            "error", "This feed was added moments ago and is not scheduled yet; it will sync shortly."));
                    case PAUSED -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.<String, Object>of(
                            "error", "Syncing is paused: reconnect Google Calendar first."));
                    case UNAVAILABLE -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.<String, Object>of(
                            "error", "Syncing is unavailable right now; please try again in a minute."));
                }));
    }

    @ExceptionHandler(DuplicateFeedException.class)
    public ResponseEntity<Map<String, Object>> duplicate(DuplicateFeedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(InvalidFeedException.class)
    public ResponseEntity<Map<String, Object>> invalid(InvalidFeedException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static Map<String, Object> feedJson(Feeds.Feed feed, SyncStatusView.FeedStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", feed.id());
        json.put("displayName", feed.displayName());
        json.put("maskedUrl", feed.maskedUrl());
        json.put("status", status);
        return json;
    }
}
