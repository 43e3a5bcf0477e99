package io.outpost.web.security;

import io.outpost.web.problem.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The mechanism's answer to credentials it refuses: a status (401, 429), its headers ({@code WWW-Authenticate},
 * {@code Retry-After}) and the problem. Written by the mechanism on a protected path, and by {@link
 * RefusedCredentialsFilter} on an open one.
 */
record Refusal(int status, Map<String, String> headers, Problem problem) {

    /** The request attribute that carries a refusal on an open path to the filter. */
    static final String ATTRIBUTE = Refusal.class.getName();

    Refusal {
        headers = Map.copyOf(headers);
    }

    void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.toJson());
    }
}
