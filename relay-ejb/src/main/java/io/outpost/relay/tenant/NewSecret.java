package io.outpost.relay.tenant;

/**
 * A credential just created, with its generated secret: returned once, to be shown once, and never stored or logged.
 *
 * @param <T> the view of the credential
 */
public record NewSecret<T>(T credential, String secret) {

    @Override
    public String toString() {
        return "NewSecret[" + credential + ", secret=(hidden)]";
    }
}
