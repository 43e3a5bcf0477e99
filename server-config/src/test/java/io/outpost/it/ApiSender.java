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
}
