package io.outpost.it;

import java.net.http.HttpClient;
import java.time.Duration;

/** What a recipient's browser or mail program is to the pages Outpost serves: HTTP/1.1, following no redirect. */
final class Browser {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Browser() {}
}
