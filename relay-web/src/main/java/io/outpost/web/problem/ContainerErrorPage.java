package io.outpost.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page web.xml names for what the container answers itself, outside JAX-RS: a path no servlet serves, a
 * method the default servlet refuses, the 403 of a caller in the wrong role, a request the container cannot parse, or
 * an exception no mapper saw. Each leaves as a problem like every other error of the API, never as Liberty's own page
 * with the exception's name.
 */
@WebServlet("/errors/status")
public class ContainerErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 500;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String method = request.getMethod();
        Problem problem =
                switch (status) {
                    case 403 -> new Problem(
                            Problem.FORBIDDEN,
                            "Forbidden",
                            403,
                            "Your credentials are valid but may not use this part of the API",
                            List.of());
                    case 404 -> Problem.notFound(String.valueOf(path));
                    case 405 -> Problem.methodNotAllowed(method, String.valueOf(path));
                    default -> status >= 500 ? internal(request, status) : blank(status);
                };
        problem.writeTo(response);
    }

    private static Problem internal(HttpServletRequest request, int status) {
        String incident = UUID.randomUUID().toString();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        LOG.log(
                Level.WARNING,
                "request failed in the container, incident " + incident,
                failure instanceof Throwable t ? t : null);
        return ProblemMappers.internal(status, incident);
    }

    private static Problem blank(int status) {
        String reason = ProblemMappers.reasonPhrase(status);
        return new Problem(Problem.BLANK, reason, status, reason, List.of());
    }
}
