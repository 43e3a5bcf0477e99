package io.outpost.web.problem;

import io.outpost.relay.tenant.ConflictException;
import io.outpost.relay.tenant.NoSuchEntryException;
import io.outpost.web.problem.Problem.InvalidParam;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
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
            return malformed();
        }
    }

    /** 400: the body is not JSON, as JSON-B reports it. */
    @Provider
    public static class MalformedJsonb implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed();
        }
    }

    /** 400: the body could not be read at all. */
    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed();
        }
    }

    /** What JAX-RS itself refuses (404 unknown path, 405, 415, a 400 from a failed body read): as a problem. */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400) {
                return malformed();
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
            return new Problem(Problem.BLANK, title, status, title, List.of()).toResponse();
        }
    }

    /** 500 for anything unexpected: logged with an id the client can quote, no stack trace in the response. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "REST request failed, incident " + incident, e);
            return new Problem(
                            Problem.INTERNAL,
                            "Internal error",
                            500,
                            "The request failed; the server log has incident " + incident,
                            List.of())
                    .toResponse();
        }
    }

    private static Response malformed() {
        return new Problem(
                        Problem.MALFORMED_JSON,
                        "Malformed JSON",
                        400,
                        "The request body is not a JSON object of the expected shape",
                        List.of())
                .toResponse();
    }
}
