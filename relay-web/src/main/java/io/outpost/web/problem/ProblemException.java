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

    /** 400: the body is not JSON, or not the JSON the resource reads; {@code detail} says which. */
    public static ProblemException malformedJson(String detail) {
        return new ProblemException(new Problem(Problem.MALFORMED_JSON, "Malformed JSON", 400, detail, List.of()));
    }

    public Problem problem() {
        return problem;
    }
}
