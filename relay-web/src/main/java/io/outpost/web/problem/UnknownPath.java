package io.outpost.web.problem;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The default servlet of the web module: everything Outpost serves is under {@code /api/v1}, so any other path, with
 * any method, is a 404 problem answered here directly, instead of Liberty's file servlet failing and its error page
 * (or ours, through an error dispatch) answering.
 */
@WebServlet("/")
public class UnknownPath extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem.notFound(request.getRequestURI()).writeTo(response);
    }
}
