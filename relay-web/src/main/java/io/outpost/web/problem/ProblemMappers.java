package io.outpost.web.problem;

import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.problem.Problem.InvalidParam;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The exception mappers of the REST API: every error leaves as {@code application/problem+json}. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {}

    /** Problems raised by resources (validation). */
    @Provider
    public static class Raised implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return e.problem().toResponse();
        }
    }

    /** 404: the tenant, credential or key does not exist. */
    @Provider
    public static class NotFound implements ExceptionMapper<NoSuchEntryException> {
        @Override
        public Response toResponse(NoSuchEntryException e) {
            return new Problem(Problem.NOT_FOUND, "Not found", 404, e.getMessage(), List.of()).toResponse();
        }
    }

    /** 409: the id or name is taken. */
    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return new Problem(
                            Problem.CONFLICT,
                            "Conflict",
                            409,
                            e.getMessage(),
                            List.of(new InvalidParam(e.field(), e.getMessage())))
                    .toResponse();
        }
    }

    /** 400: the body is not JSON (or not the JSON the resource reads). */
    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return raisedWithin(e).orElseGet(ProblemMappers::malformed);
        }
    }

    /** 400: the body is not JSON, as JSON-B reports it. */
    @Provider
    public static class MalformedJsonb implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return raisedWithin(e).orElseGet(ProblemMappers::malformed);
        }
    }

    /** 400: the body could not be read at all, unless reading it raised a problem of its own (413, 415). */
    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return raisedWithin(e).orElseGet(ProblemMappers::malformed);
        }
    }

    /** What JAX-RS itself refuses (404 unknown path, 405, 406, 415, a 400 from a failed body read): as a problem. */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {

        @Context
        private HttpServletRequest request;

        @Override
        public Response toResponse(WebApplicationException e) {
            Optional<Response> raised = raisedWithin(e);
            if (raised.isPresent()) {
                return raised.get();
            }
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                return unexpected(e, status);
            }
            if (status == 404) {
                return Problem.notFound(request.getRequestURI()).toResponse();
            }
            if (status == 405) {
                // RFC 9110 §15.5.6: a 405 names the methods the path takes.
                return Response.fromResponse(Problem.methodNotAllowed(request.getMethod(), request.getRequestURI())
                                .toResponse())
                        .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                        .build();
            }
            String reason = reasonPhrase(status);
            return new Problem(Problem.BLANK, reason, status, reason, List.of()).toResponse();
        }
    }

    /**
     * Anything else: a problem raised below a framework's wrapper; a database that cannot be reached (503) or a
     * duplicate row from a concurrent request (409), as {@link StoreFailures} tells them; otherwise 500, logged with an
     * id the client can quote and no detail in the response.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            return raisedWithin(e)
                    .or(() -> StoreFailures.problem(e).map(problem -> logged(e, problem)))
                    .orElseGet(() -> unexpected(e, 500));
        }
    }

    /** A 5xx problem for an incident the log holds: the response says no more than where to look. */
    static Problem internal(int status, String incident) {
        return new Problem(
                Problem.INTERNAL,
                "Internal error",
                status,
                "The request failed; the server log has incident " + incident,
                List.of());
    }

    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    // Frameworks wrap what a body reader or stream threw (RESTEasy's ReaderException, JSON-P's JsonException): a
    // problem raised below them is still the answer.
    private static Optional<Response> raisedWithin(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return Optional.of(problem.problem().toResponse());
            }
        }
        return Optional.empty();
    }

    // An unreachable database is the operator's business; a lost race between two clients is theirs.
    private static Response logged(Exception e, Problem problem) {
        if (problem.status() >= 500) {
            LOG.log(Level.WARNING, "REST request failed: " + problem.detail(), e);
        } else {
            LOG.log(Level.FINE, "REST request lost a race: " + problem.detail(), e);
        }
        return problem.toResponse();
    }

    private static Response unexpected(Exception e, int status) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "REST request failed, incident " + incident, e);
        return internal(status, incident).toResponse();
    }

    private static Response malformed() {
        return ProblemException.malformedJson("The request body is not a JSON object of the expected shape")
                .problem()
                .toResponse();
    }
}
