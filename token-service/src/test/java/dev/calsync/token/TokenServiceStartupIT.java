package dev.calsync.token;

import dev.calsync.testsupport.ServiceStartupContract;
import java.util.Map;

class TokenServiceStartupIT extends ServiceStartupContract {

    @Override
    protected String applicationName() {
        return "token-service";
    }

    @Override
    protected String schema() {
        return "token";
    }

    @Override
    protected Map<String, String> bindings() {
        return Map.of(
                "tokenGrants-in-0", "calsync.token-granted.v1",
                "tokenRevoked", "calsync.token-revoked.v1",
                "syncStatus", "calsync.sync-status.v1");
    }
}
