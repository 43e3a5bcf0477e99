package io.outpost.web.openapi;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated OpenAPI document with what every operation shares, in one place rather than on each
 * resource method: the problem responses it can give (RFC 9457, {@code application/problem+json}) and who may call it
 * (an admin account under {@code /api/v1/admin}, an API key elsewhere under {@code /api/v1}, nobody at all for the
 * queue's statistics and the tracking links).
 */
public class ProblemResponses implements OASFilter {

    private static final String ADMIN = "/api/v1/admin";

    // What any operation of the API may answer besides its success; a method's own documented statuses stay.
    private static final Map<String, String> COMMON = Map.of(
            "400", "A field or parameter is invalid: invalid-params names each one.",
            "401", "No credentials, or wrong ones.",
            "403", "The caller may not do this.",
            "404", "No such thing, or another tenant's.",
            "429", "Too many requests or failed logins; Retry-After says when to try again.",
            "503", "The relay cannot take it now; Retry-After says when to try again.");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            boolean api = path.startsWith("/api/v1");
            boolean open = path.startsWith("/api/v1/queue") || !api;
            for (Operation operation : operations(item)) {
                if (operation == null) {
                    continue;
                }
                if (!open) {
                    operation.setSecurity(List.of(OASFactory.createSecurityRequirement()
                            .addScheme(path.startsWith(ADMIN) ? "admin" : "apiKey")));
                }
                if (api) {
                    addProblems(operation, open);
                }
            }
        });
    }

    private static void addProblems(Operation operation, boolean open) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (Map.Entry<String, String> status : COMMON.entrySet()) {
            boolean authentication =
                    status.getKey().equals("401") || status.getKey().equals("403");
            if ((open && authentication) || responses.hasAPIResponse(status.getKey())) {
                continue;
            }
            responses.addAPIResponse(status.getKey(), problem(status.getValue()));
        }
    }

    private static APIResponse problem(String description) {
        MediaType problem =
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        Content content = OASFactory.createContent().addMediaType("application/problem+json", problem);
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static List<Operation> operations(PathItem item) {
        return Arrays.asList(
                item.getGET(), item.getPOST(), item.getPUT(), item.getDELETE(), item.getPATCH(), item.getHEAD());
    }
}
