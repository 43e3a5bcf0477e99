package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

/** A new tenant with a published, verified sending domain and an API key: what a test needs to send over HTTP. */
record ApiSender(String id, String domain, ApiClient api) {

    /** Creates the tenant (its id starts with {@code name}), publishes its domain's records and makes a key. */
    static ApiSender create(String name) throws Exception {
        PublishedDomains.NewTenant created = PublishedDomains.newTenant(name, "story.test", false);
        PublishedDomains.publish(created.id(), created.domain(), record -> true);
        assertThat(PublishedDomains.check(created.id(), created.domain()).getBoolean("readyToSend"))
                .isTrue();
        String key = ApiClient.stringMember(
                ApiClient.admin().post("/admin/tenants/" + created.id() + "/api-keys", "{}"), "key");
        return new ApiSender(created.id(), created.domain(), ApiClient.bearer(key));
    }

    String from() {
        return "news@" + domain;
    }

    /** Sends a text message to {@code to-<subject>@ok.test} (the test MX) over the API; its id, from the 202. */
    String send(String subject) throws Exception {
        return send(subject, "{}");
    }

    /** As {@link #send(String)}, with these header fields (a JSON object). */
    String send(String subject, String headers) throws Exception {
        return PublishedDomains.json(
                        api.post(
                                "/messages",
                                "{\"from\":\"" + from() + "\",\"to\":[\"to-" + subject + "@ok.test\"],\"subject\":\""
                                        + subject + "\",\"text\":\"hi\",\"headers\":" + headers + "}"),
                        202)
                .getString("id");
    }
}
