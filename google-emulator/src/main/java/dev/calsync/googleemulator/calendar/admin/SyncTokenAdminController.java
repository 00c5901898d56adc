package dev.calsync.googleemulator.calendar.admin;

import dev.calsync.googleemulator.calendar.domain.SyncTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /emulator/admin/calendar/sync-tokens/invalidate}: every events.list and calendarList.list sync
 * token issued so far answers 410 fullSyncRequired on its next use, as Google's do after an ACL change or when its
 * servers drop them (GOOGLE.md §4, {@code sync.forceInvalid}). Tokens issued afterwards work.
 */
@RestController
@RequestMapping("/emulator/admin/calendar")
@ConditionalOnProperty(name = "emulator.admin.enabled", havingValue = "true")
public class SyncTokenAdminController {

    private final SyncTokens syncTokens;

    public SyncTokenAdminController(SyncTokens syncTokens) {
        this.syncTokens = syncTokens;
    }

    @PostMapping("/sync-tokens/invalidate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void invalidate() {
        syncTokens.invalidateAll();
    }
}
