package io.outpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Plays the domain owner: reads a sending domain's records from the admin API, publishes them in the test DNS server as
 * an owner would paste them into a zone, and asks the server to check them.
 */
final class PublishedDomains {

    private static final Set<String> SIGNED = new HashSet<>();

    private PublishedDomains() {}

    /**
     * Publishes the DKIM records of the bootstrap tenant's domain {@code ok.test} once per run, so that mail from it
     * may be sent; its return path stays unpublished, so its envelope sender is kept as the client gave it.
     */
    static synchronized void signOkTest() throws IOException, InterruptedException {
        TestNetwork.start();
        if (SIGNED.add("ok.test")) {
            publish("it-tenant", "ok.test", record -> kind(record).equals("DKIM"));
            JsonObject checked = check("it-tenant", "ok.test");
            assertThat(checked.getBoolean("readyToSend")).as(checked.toString()).isTrue();
        }
    }

    /** A tenant and its one sending domain, nothing of it published yet. */
    record NewTenant(String id, String domain) {}

    /** Creates tenant {@code <name>-<random>} with the sending domain {@code <name>-<random>.<zone>}. */
    static NewTenant newTenant(String name, String zone, boolean ed25519) throws IOException, InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = name + "-" + suffix;
        String domain = name + "-" + suffix + "." + zone;
        json(
                ApiClient.admin()
                        .post("/admin/tenants", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"domains\":[]}"),
                201);
        json(
                ApiClient.admin()
                        .post(
                                "/admin/tenants/" + id + "/domains",
                                "{\"domain\":\"" + domain + "\",\"ed25519\":" + ed25519 + "}"),
                201);
        return new NewTenant(id, domain);
    }

    static JsonObject domain(String tenant, String domain) throws IOException, InterruptedException {
        return json(ApiClient.admin().get(path(tenant, domain)), 200);
    }

    static JsonObject check(String tenant, String domain) throws IOException, InterruptedException {
        return json(ApiClient.admin().post(path(tenant, domain) + "/check", "{}"), 200);
    }

    /** Publishes the domain's records that {@code which} selects, replacing what DNS had of their name and type. */
    static JsonObject publish(String tenant, String domain, Predicate<JsonObject> which)
            throws IOException, InterruptedException {
        JsonObject current = domain(tenant, domain);
        for (JsonObject record : current.getJsonArray("records").getValuesAs(JsonObject.class)) {
            if (which.test(record)) {
                publish(record);
            }
        }
        return current;
    }

    /** Puts one record of the API's {@code records} into the test DNS server, as a zone-file line. */
    static void publish(JsonObject record) {
        String name = record.getString("name") + ".";
        String type = record.getString("type");
        TestNetwork.DNS.remove(name, type);
        String data = type.equals("TXT")
                ? record.getJsonArray("txtStrings").getValuesAs(JsonString.class).stream()
                        .map(s -> "\"" + s.getString() + "\"")
                        .collect(Collectors.joining(" "))
                : record.getString("value");
        TestNetwork.DNS.add(name + " 60 IN " + type + " " + data);
    }

    static String kind(JsonValue record) {
        return record.asJsonObject().getString("kind");
    }

    static JsonObject json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static String path(String tenant, String domain) {
        return "/admin/tenants/" + tenant + "/domains/" + domain;
    }
}
