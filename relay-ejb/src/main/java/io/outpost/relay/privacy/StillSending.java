package io.outpost.relay.privacy;

/** An address cannot be erased while messages to it wait in the queue: they would be sent to an address now unknown. */
public final class StillSending extends Exception {

    private static final long serialVersionUID = 1L;

    public StillSending(int waiting) {
        super(waiting + " messages to the address are still queued or deferred; cancel them or let them finish, then"
                + " erase it");
    }
}
