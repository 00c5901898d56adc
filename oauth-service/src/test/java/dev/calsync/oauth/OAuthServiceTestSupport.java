package dev.calsync.oauth;

import dev.calsync.clock.AdjustableClock;
import dev.calsync.oauth.connect.Browser;
import dev.calsync.oauth.connect.EmulatedGoogle;
import dev.calsync.oauth.feed.StubService;
import dev.calsync.secrets.GoogleOAuthClients.Account;
import dev.calsync.testsupport.CalsyncServiceTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * oauth-service on a real broker and database, one context for every class that extends this: its
 * neighbours are started once for the run, because the context in Spring's cache keeps pointing at the
 * ones it started with, and the single {@link DynamicPropertySource} here is what makes the classes'
 * configurations equal.
 * <ul>
 *   <li>google-emulator ({@link #google()}), seeded with every account any of the classes needs, its web
 *       client's callback registered for the one {@link #PORT} the service listens on;</li>
 *   <li>stand-ins for token-service and feed-ingest ({@link #tokenService()}, {@link #feedIngest()}),
 *       answering 200 and with no recorded call at the start of every test.</li>
 * </ul>
 * The classes also share the database and the emulator's people. Alice and Bob ({@code google().account(0)}
 * and {@code (1)}) sign in from many classes, which leave them with grants, sessions, feeds and disconnects;
 * a test that needs a person new to the service, one never connected, or one whose feeds are all its own
 * uses one of the extra accounts below, each signed in by one class only. A test reads its own rows (by
 * subscriber, Google subject, session or grant id); it reads a whole table only for what must hold for every
 * row (no token, no plaintext, no subscriber without a grant) or to compare counts before and after. A class
 * that needs a differently configured emulator does not extend this.
 */
@CalsyncServiceTest
public abstract class OAuthServiceTestSupport {

    /** The service's port for the whole run: the emulator's web client has the callback on it registered. */
    protected static final int PORT = EmulatedGoogle.freePort();

    /** Signed in only by AppAndDesktopGrantIT's two concurrent first sign-ins, so she is new to the service there. */
    protected static final Account CAROL = new Account("109876543210987654321", "carol@example.com", "Carol Example");
    /** Signed in first by WebConnectFlowIT's new-account test, so he is new to the service there. */
    protected static final Account DAN = new Account("108765432109876543210", "dan@example.com", "Dan Example");
    /** Never signed in: WebConnectFlowIT's refused sign-ins show that nothing was created for her. */
    protected static final Account ERIN = new Account("107654321098765432109", "erin@example.com", "Erin Example");
    /** ConnectPageBrowserIT's person: his page lists only the feed that test adds. */
    protected static final Account FRANK = new Account("106543210987654321098", "frank@example.com", "Frank Example");
    /** CrossOriginFormPostBrowserIT's person: only that test syncs and disconnects her. */
    protected static final Account GRACE = new Account("105432109876543210987", "grace@example.com", "Grace Example");

    /** What the service talks to, started once for the run and never closed. */
    private record Neighbours(EmulatedGoogle google, StubService tokenService, StubService feedIngest) {
    }

    private static Neighbours neighbours;

    @Autowired
    protected WebTestClient http;
    @Autowired
    protected DatabaseClient db;
    @Autowired
    protected AdjustableClock clock;

    @DynamicPropertySource
    static void pointAtTheNeighbours(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        EmulatedGoogle.pointServiceAt(registry, google().emulator.baseUrl().toString());
        registry.add("calsync.token-service.url", () -> tokenService().url());
        registry.add("calsync.feed-ingest.url", () -> feedIngest().url());
    }

    /** Started on first use: the emulator reads the run's secrets folder, known once the infrastructure is up. */
    private static synchronized Neighbours neighbours() {
        if (neighbours == null) {
            neighbours = new Neighbours(EmulatedGoogle.start(PORT, Map.of(), CAROL, DAN, ERIN, FRANK, GRACE),
                    StubService.start(), StubService.start());
        }
        return neighbours;
    }

    protected static EmulatedGoogle google() {
        return neighbours().google();
    }

    protected static StubService tokenService() {
        return neighbours().tokenService();
    }

    protected static StubService feedIngest() {
        return neighbours().feedIngest();
    }

    /** Whatever the test before did (in this class or another): real time, neighbours that answer 200 and remember nothing. */
    @BeforeEach
    void realTimeAndFreshStandIns() {
        clock.setOffset(Duration.ZERO);
        tokenService().reset();
        feedIngest().reset();
    }

    /** A browser with no cookies yet. */
    protected Browser newBrowser() {
        return new Browser(http, PORT, google());
    }

    /** The subscriber the service keeps for {@code account}'s Google subject, if it ever connected. */
    protected Optional<String> subscriberOf(Account account) {
        return db.sql("SELECT subscriber_id FROM google_account WHERE google_subject = :sub").bind("sub", account.sub())
                .map(row -> row.get("subscriber_id", String.class)).one().blockOptional();
    }
}
