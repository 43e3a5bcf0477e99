package io.outpost.relay.plugin.fakes;

/** Claims the name of the bundled {@link AlphaCheck}; packed into a jar to test duplicate names. */
public class ImpostorAlphaCheck extends JarOnlyCheck {

    @Override
    public String name() {
        return "alpha";
    }
}
