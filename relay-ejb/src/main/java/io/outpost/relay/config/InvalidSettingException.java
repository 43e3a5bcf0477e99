package io.outpost.relay.config;

/** A configuration value that cannot be used; the message names the variable, the value and what was expected. */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String name, String value, String expected) {
        super("invalid setting " + name + "='" + value + "': expected " + expected);
    }
}
