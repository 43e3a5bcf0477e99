package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operator signed in to the web UI, as a browser holds it: the session cookie and the CSRF token. */
record OperatorCookie(String cookie, String csrf) {

    static final String NAME = "__Host-outpost-operator";
    private static final Pattern COOKIE = Pattern.compile(NAME + "=([^;]*);");

    /** {@code POST /api/v1/operator-session} with that user and password, from 127.0.0.1. */
    static HttpResponse<String> signIn(String user, String password) throws Exception {
        return ApiClient.anonymous()
                .post("/operator-session", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    /** The build's admin signed in; a 200 and the cookie are asserted. */
    static OperatorCookie signedIn() throws Exception {
        HttpResponse<String> signedIn =
                signIn(System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
        Matcher cookie =
                COOKIE.matcher(signedIn.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.find()).isTrue();
        return new OperatorCookie(
                cookie.group(1), PublishedDomains.json(signedIn, 200).getString("csrfToken"));
    }

    HttpResponse<String> send(String method, String path, Optional<String> json, boolean withCsrf) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Cookie", NAME + "=" + cookie));
        if (withCsrf) {
            headers.addAll(List.of("X-CSRF-Token", csrf));
        }
        if (json.isPresent()) {
            headers.addAll(List.of("Content-Type", "application/json"));
        }
        return ApiClient.anonymous().send(method, path, json, headers.toArray(String[]::new));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, Optional.empty(), false);
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return send("POST", path, Optional.of(json), true);
    }
}
