package dev.calsync.googleemulator.oauth;

import static dev.calsync.googleemulator.html.HtmlText.escape;

import dev.calsync.secrets.GoogleOAuthClients;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTML a person sees at the authorization endpoint: the account chooser with the consent screen,
 * and Google's "Access blocked" error page. Plain server-rendered HTML that works without JavaScript, so
 * a test (or a person with any browser) can read it and post the form. Every dynamic value is escaped.
 */
final class AuthorizationPages {

    /** Where the consent form posts; Google's own consent lives under {@code /signin/oauth/consent}. */
    static final String CONSENT_PATH = "/signin/oauth/consent";

    private static final String STYLE = """
            body{font-family:Roboto,Arial,sans-serif;background:#f0f4f9;margin:0;color:#1f1f1f}
            main{max-width:560px;margin:48px auto;background:#fff;border-radius:28px;padding:36px 40px}
            h1{font-size:28px;font-weight:400;margin:0 0 12px}
            h2{font-size:16px;font-weight:500;margin:24px 0 8px}
            .logo{font-size:20px;color:#444;margin-bottom:20px}
            .account{display:flex;gap:12px;align-items:center;padding:10px 4px;border-bottom:1px solid #e0e0e0}
            .email{color:#555;font-size:14px}
            ul.scopes{padding-left:20px}ul.scopes li{margin:8px 0}
            .buttons{display:flex;justify-content:flex-end;gap:12px;margin-top:28px}
            button{font-size:14px;padding:10px 24px;border-radius:20px;border:1px solid #747775;background:#fff;cursor:pointer}
            button.primary{background:#0b57d0;border-color:#0b57d0;color:#fff}
            .error-code{font-weight:500;margin-top:24px}
            .fine-print{color:#555;font-size:12px;margin-top:20px}
            code{word-break:break-all}
            """;

    private AuthorizationPages() {
    }

    /** An account the chooser lists, preselected when it matches {@code login_hint}. */
    record AccountChoice(GoogleOAuthClients.Account account, boolean selected) {
    }

    static String consent(String consentId, String appName, List<AccountChoice> accounts, List<String> scopes) {
        String accountRows = accounts.stream().map(choice -> """
                <label class="account"><input type="radio" name="account" value="%s"%s>\
                <span><span class="name">%s</span><br><span class="email">%s</span></span></label>
                """.formatted(escape(choice.account().sub()), choice.selected() ? " checked" : "",
                escape(choice.account().name()), escape(choice.account().email()))).collect(Collectors.joining());
        String scopeRows = scopes.stream()
                .map(scope -> "<li data-scope=\"%s\">%s</li>\n".formatted(escape(scope), escape(OAuthScopes.describe(scope))))
                .collect(Collectors.joining());
        return page("Sign in - Google Accounts", """
                <div class="logo">Google</div>
                <h1>Sign in with Google</h1>
                <p>Choose an account to continue to <strong>%s</strong></p>
                <form method="post" action="%s">
                <input type="hidden" name="consent_id" value="%s">
                <fieldset><legend>Choose an account</legend>
                %s</fieldset>
                <h2>%s wants access to your Google Account</h2>
                <p>This will allow %s to:</p>
                <ul class="scopes">
                %s</ul>
                <p class="fine-print">Make sure you trust %s. You can remove this access at any time in your Google Account.
                (This is google-emulator, a stand-in for Google used in development and tests.)</p>
                <div class="buttons">
                <button type="submit" name="action" value="cancel">Cancel</button>
                <button type="submit" name="action" value="allow" class="primary">Allow</button>
                </div>
                </form>
                """.formatted(escape(appName), CONSENT_PATH, escape(consentId), accountRows, escape(appName), escape(appName),
                scopeRows, escape(appName)));
    }

    static String error(AuthorizationPageError error) {
        String details = error.redirectUri() == null ? "" : """
                <h2>Request details</h2>
                <p>redirect_uri: <code>%s</code></p>
                """.formatted(escape(error.redirectUri()));
        return page(error.headline(), """
                <div class="logo">Google</div>
                <h1>%s</h1>
                <p>%s</p>
                <p>If you are a developer of this app, see error details.</p>
                <p class="error-code">Error %d: %s</p>
                %s""".formatted(escape(error.headline()), escape(error.detail()), error.status().value(), escape(error.error()), details));
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>%s</style>
                </head>
                <body>
                <main>
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), STYLE, body);
    }
}
