package io.outpost.web.json;

import io.outpost.web.problem.ProblemException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes JSON text through and stops with a 400 problem at the first array or object nested deeper than the limit,
 * before the parser sees it: parsers recurse per level (Parsson's own limit of 1000 ends in an untyped
 * RuntimeException), so depth is bounded by the text itself.
 */
final class NestingLimit extends FilterReader {

    private final int limit;
    private int depth;
    private boolean inString;
    private boolean escaped;

    NestingLimit(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            track((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            track(buffer[i]);
        }
        return n;
    }

    // RFC 8259 §7: brackets inside a string are text; a backslash escapes the next character.
    private void track(char c) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                throw ProblemException.malformedJson(
                        "The request body nests arrays and objects deeper than " + limit + " levels");
            }
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
}
