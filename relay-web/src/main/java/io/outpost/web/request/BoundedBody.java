package io.outpost.web.request;

import io.outpost.web.problem.Problem;
import io.outpost.web.problem.ProblemException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.List;

/**
 * A request whose body stops with a 413 problem once more than the limit has been read: a chunked body declares no
 * length, so it is counted while it is read instead of being buffered first.
 */
final class BoundedBody extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream body;

    BoundedBody(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    /** 413 naming the limit (RFC 9110 §15.5.14). */
    static ProblemException tooLarge(long limit) {
        return new ProblemException(new Problem(
                Problem.TOO_LARGE,
                "Request too large",
                413,
                "The request body is larger than " + limit + " octets (outpost.http.max-request-size)",
                List.of()));
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new Counting(super.getInputStream(), limit);
        }
        return body;
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
