package io.outpost.web.admin;

import io.outpost.api.plugin.PluginPhase;
import io.outpost.relay.json.CachedJson;
import io.outpost.relay.plugin.PluginHost;
import io.outpost.relay.plugin.PluginOrder;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/admin/plugins}: which plugins each phase asks, in order, built-in ones marked, with the time limit
 * and the threads they share; the same order the start-up log shows.
 *
 * <pre>{@code
 * {"timeLimit": "PT5S", "maxConcurrentCalls": 600,
 *  "phases": [{"phase": "AUTH", "plugins": [{"name": "htpasswd", "builtIn": false},
 *                                           {"name": "credential-store", "builtIn": true}]},
 *             {"phase": "RCPT", "plugins": [{"name": "do-not-mail", "builtIn": false}]}, …]}
 * }</pre>
 */
@Path("admin/plugins")
@RolesAllowed(AdminSecurity.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class PluginsResource {

    @EJB
    private PluginHost plugins;

    @GET
    public String order() {
        PluginOrder order = plugins.order();
        JsonArrayBuilder phases = CachedJson.createArrayBuilder();
        for (Map.Entry<PluginPhase, List<PluginOrder.Entry>> phase :
                order.phases().entrySet()) {
            JsonArrayBuilder names = CachedJson.createArrayBuilder();
            phase.getValue()
                    .forEach(plugin -> names.add(CachedJson.createObjectBuilder()
                            .add("name", plugin.name())
                            .add("builtIn", plugin.builtIn())));
            phases.add(CachedJson.createObjectBuilder()
                    .add("phase", phase.getKey().name())
                    .add("plugins", names));
        }
        return CachedJson.createObjectBuilder()
                .add("timeLimit", order.timeLimit().toString())
                .add("maxConcurrentCalls", order.maxConcurrentCalls())
                .add("phases", phases)
                .build()
                .toString();
    }
}
