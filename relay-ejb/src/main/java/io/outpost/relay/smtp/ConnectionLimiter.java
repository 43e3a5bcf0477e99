package io.outpost.relay.smtp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts open connections in total and per client address, so one client cannot take every session thread. */
final class ConnectionLimiter {

    private final int maxTotal;
    private final int maxPerClient;
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private int total;

    ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for the client, or returns false if either limit is reached. */
    synchronized boolean tryAcquire(InetAddress client) {
        int current = perClient.getOrDefault(client, 0);
        if (total >= maxTotal || current >= maxPerClient) {
            return false;
        }
        total++;
        perClient.put(client, current + 1);
        return true;
    }

    /** Gives back a slot taken by {@link #tryAcquire}; called exactly once per accepted connection. */
    synchronized void release(InetAddress client) {
        total--;
        perClient.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }
}
