package io.outpost.relay.audience;

/**
 * The credential the confirmation messages of hosted forms are submitted under, as a message's story names it: no API
 * key asked for them, so no key's limits count them; {@link AudienceStore}'s limits per address and per client do. It
 * can never be an API key's id, which begins with {@code op_}.
 */
public final class FormCredential {

    public static final String ID = "hosted-form";

    private FormCredential() {}
}
