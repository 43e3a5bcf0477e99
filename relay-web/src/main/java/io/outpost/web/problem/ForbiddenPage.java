package io.outpost.web.problem;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The error page web.xml names for 403: the container's refusal of an authenticated caller whose role may not use the
 * path (a tenant on the admin API, an admin on the tenant API) as a problem, like every other error of the API.
 */
@WebServlet("/errors/forbidden")
public class ForbiddenPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(new Problem(
                                Problem.FORBIDDEN,
                                "Forbidden",
                                403,
                                "Your credentials are valid but may not use this part of the API",
                                List.of())
                        .toJson());
    }
}
