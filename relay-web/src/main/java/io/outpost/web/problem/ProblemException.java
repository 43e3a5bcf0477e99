package io.outpost.web.problem;

import io.outpost.web.problem.Problem.InvalidParam;
import java.util.List;

/** Ends a request with a {@link Problem}; thrown by resources, turned into the response by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    /** 400: the request's fields cannot be used. */
    public static ProblemException invalid(List<InvalidParam> params) {
        return new ProblemException(new Problem(
                Problem.VALIDATION,
                "Invalid request",
                400,
                params.size() == 1
                        ? params.get(0).name() + ": " + params.get(0).reason()
                        : params.size() + " fields are invalid",
                params));
    }

    public Problem problem() {
        return problem;
    }
}
